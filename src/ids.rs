//! Identity documents: the Peruvian DNI (8 digits, with its optional verification character as
//! printed on the card) and the Chilean RUN (number + módulo 11 check digit), and the
//! carné de extranjería (CE). Each returns the normalized form or a Spanish message.

use crate::error::{Error, Result};

const DNI_WEIGHTS: [u32; 8] = [3, 2, 7, 6, 5, 4, 3, 2];
const DNI_CHECK_DIGITS: [char; 11] = ['6', '7', '8', '9', '0', '1', '1', '2', '3', '4', '5'];
const DNI_CHECK_LETTERS: [char; 11] = ['K', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J'];

/// The verification characters (digit and letter) RENIEC prints after a DNI number.
pub fn dni_check_chars(number: &str) -> Option<(char, char)> {
    if number.len() != 8 || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let sum: u32 = number
        .bytes()
        .zip(DNI_WEIGHTS)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    let key = 11 - (sum % 11);
    let index = if key == 11 { 0 } else { key as usize };
    Some((DNI_CHECK_DIGITS[index], DNI_CHECK_LETTERS[index]))
}

/// Validate a DNI: 8 digits, optionally followed by `-X` or `X`, the verification character
/// printed on the card. Returns the 8-digit number.
pub fn validate_dni(input: &str) -> Result<String> {
    let s: String = input
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase();
    let (number, check) = match s.split_once('-') {
        Some((n, c)) => (n.to_string(), Some(c.to_string())),
        None if s.len() == 9 => (s[..8].to_string(), Some(s[8..].to_string())),
        None => (s.clone(), None),
    };
    if number.len() != 8 || !number.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::field(
            "doc_number",
            "El DNI debe tener 8 dígitos (por ejemplo 45678912).",
        ));
    }
    if let Some(check) = check {
        let (digit, letter) = dni_check_chars(&number).expect("8 digits checked above");
        let mut chars = check.chars();
        let ok = match (chars.next(), chars.next()) {
            (Some(c), None) => c == digit || c == letter,
            _ => false,
        };
        if !ok {
            return Err(Error::field(
                "doc_number",
                format!(
                    "El dígito de verificación del DNI {number} no coincide \
                     (debería ser {digit} o {letter}). Revise el número."
                ),
            ));
        }
    }
    Ok(number)
}

/// The módulo 11 check digit of a Chilean RUN number (`0`–`9` or `K`).
pub fn run_check_digit(number: u32) -> char {
    let mut n = number;
    let mut sum = 0;
    let mut factor = 2;
    while n > 0 {
        sum += (n % 10) * factor;
        n /= 10;
        factor = if factor == 7 { 2 } else { factor + 1 };
    }
    match 11 - (sum % 11) {
        11 => '0',
        10 => 'K',
        d => char::from_digit(d, 10).expect("0..=9"),
    }
}

/// Validate a RUN such as `12.345.678-5` or `123456785`; returns it as `12345678-5`.
pub fn validate_run(input: &str) -> Result<String> {
    let s: String = input
        .chars()
        .filter(|c| !matches!(c, '.' | '-' | ' '))
        .collect::<String>()
        .to_uppercase();
    let fmt_err = || {
        Error::field(
            "doc_number",
            "El RUN debe escribirse con su dígito verificador, por ejemplo 12.345.678-5.",
        )
    };
    if s.len() < 2 {
        return Err(fmt_err());
    }
    let (body, dv) = s.split_at(s.len() - 1);
    if body.is_empty() || body.len() > 9 || !body.bytes().all(|b| b.is_ascii_digit()) {
        return Err(fmt_err());
    }
    let number: u32 = body.parse().map_err(|_| fmt_err())?;
    if number == 0 {
        return Err(fmt_err());
    }
    let expected = run_check_digit(number);
    let given = dv.chars().next().ok_or_else(fmt_err)?;
    // Digits only, no hyphen, and the last one is not the check digit of the others: most
    // likely the whole RUN without its check digit ("12345678", "12.345.678").
    let typed_without_dv =
        !input.contains('-') && given != 'K' && (7..=8).contains(&s.len()) && given != expected;
    if typed_without_dv {
        let whole: u32 = s.parse().map_err(|_| fmt_err())?;
        return Err(Error::field(
            "doc_number",
            format!(
                "Falta el dígito verificador del RUN {}: escríbalo después de un guion, como aparece en la cédula (por ejemplo 12.345.678-5).",
                thousands(whole)
            ),
        ));
    }
    if given != expected {
        return Err(Error::field(
            "doc_number",
            format!("El dígito verificador del RUN {number} debería ser {expected}, no {given}."),
        ));
    }
    Ok(format!("{number}-{expected}"))
}

/// "12345678" → "12.345.678", as a RUN is written.
fn thousands(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// Validate a carné de extranjería: 6 to 12 letters or digits.
pub fn validate_ce(input: &str) -> Result<String> {
    let s = input.trim().to_uppercase();
    if !(6..=12).contains(&s.len()) || !s.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(Error::field(
            "doc_number",
            "El carné de extranjería tiene de 6 a 12 letras o dígitos.",
        ));
    }
    Ok(s)
}

/// Validate a document of the given type (`DNI`, `CE`, `RUN`); returns the normalized number.
pub fn validate(doc_type: &str, number: &str) -> Result<String> {
    match doc_type {
        "DNI" => validate_dni(number),
        "RUN" => validate_run(number),
        "CE" => validate_ce(number),
        _ => Err(Error::field(
            "doc_type",
            "Tipo de documento no válido: use DNI, CE o RUN.",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_known_check_digits() {
        // Check digits computed by hand with the módulo 11 rule.
        assert_eq!(run_check_digit(12_345_678), '5');
        assert_eq!(run_check_digit(11_111_111), '1');
        assert_eq!(run_check_digit(6), 'K');
        assert_eq!(run_check_digit(28), '0');
        assert_eq!(validate_run("12.345.678-5").unwrap(), "12345678-5");
        assert_eq!(validate_run("6-k").unwrap(), "6-K");
        assert!(validate_run("12.345.678-9").is_err());
        assert!(validate_run("abc").is_err());
    }

    #[test]
    fn a_run_typed_without_its_check_digit_is_recognised() {
        for typed in ["12345678", "12.345.678"] {
            let e = validate_run(typed).unwrap_err().to_api();
            assert_eq!(e.field.as_deref(), Some("doc_number"));
            assert!(
                e.message
                    .starts_with("Falta el dígito verificador del RUN 12.345.678"),
                "{}",
                e.message
            );
        }
        // A wrong check digit after a hyphen is still a wrong check digit.
        let e = validate_run("12.345.678-9").unwrap_err().to_api();
        assert!(e.message.contains("debería ser 5"), "{}", e.message);
        // Written without the hyphen but whole, it is accepted.
        assert_eq!(validate_run("123456785").unwrap(), "12345678-5");
    }

    #[test]
    fn dni_format_and_check() {
        assert_eq!(validate_dni(" 45678912 ").unwrap(), "45678912");
        assert!(validate_dni("4567891").is_err());
        assert!(validate_dni("4567891A").is_err());
        let (d, l) = dni_check_chars("12345678").unwrap();
        // 1·3+2·2+3·7+4·6+5·5+6·4+7·3+8·2 = 138; 138 mod 11 = 6; 11−6 = 5 → '1' / 'E'.
        assert_eq!((d, l), ('1', 'E'));
        assert_eq!(validate_dni("12345678-1").unwrap(), "12345678");
        assert_eq!(validate_dni("12345678-e").unwrap(), "12345678");
        assert_eq!(validate_dni("123456781").unwrap(), "12345678");
        let e = validate_dni("12345678-2").unwrap_err().to_api();
        assert_eq!(e.field.as_deref(), Some("doc_number"));
        assert!(e.message.contains("1 o E"), "{}", e.message);
    }
}
