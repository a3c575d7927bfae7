//! The municipality's profile (one per database), its logo and the official name of each year.

use base64::Engine;
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use crate::context::{Ctx, Empty};
use crate::error::{Error, Result};
use crate::files;

/// The municipality.
#[derive(Debug, Clone, Serialize, Deserialize, TS, sqlx::FromRow)]
pub struct Municipality {
    /// Official name ("Municipalidad Distrital de San Isidro").
    pub name: String,
    /// Siglas used in identifiers ("MSI").
    pub short_name: String,
    /// `PE` or `CL`; selects the rule set.
    pub country: String,
    /// distrital, provincial, metropolitana (PE) or comuna (CL).
    pub kind: String,
    /// Ubigeo (PE, 6 digits) or código comunal (CL, 5 digits).
    pub territorial_code: Option<String>,
    /// Street address.
    pub address: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// E-mail.
    pub email: Option<String>,
    /// Web site.
    pub website: Option<String>,
    /// SHA-256 of the logo image in the file store.
    pub logo_sha256: Option<String>,
    /// When the municipality was created in Cabildo.
    pub created_at: String,
}

const SELECT: &str =
    "SELECT name, short_name, country, kind, territorial_code, address, phone, email,
    website, logo_sha256, created_at FROM municipality WHERE id = 1";

/// The municipality, if one was created.
pub async fn find(conn: &mut SqliteConnection) -> Result<Option<Municipality>> {
    Ok(sqlx::query_as(SELECT).fetch_optional(&mut *conn).await?)
}

fn not_created() -> Error {
    Error::Conflict(
        "Todavía no hay municipalidad: créela primero (o cargue la de demostración).".to_string(),
    )
}

/// The municipality's country (`PE` or `CL`).
pub async fn country(conn: &mut SqliteConnection) -> Result<String> {
    sqlx::query_scalar("SELECT country FROM municipality WHERE id = 1")
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(not_created)
}

/// The municipality's siglas, if it was created.
pub async fn short_name(conn: &mut SqliteConnection) -> Result<Option<String>> {
    Ok(
        sqlx::query_scalar("SELECT short_name FROM municipality WHERE id = 1")
            .fetch_optional(&mut *conn)
            .await?,
    )
}

/// `municipality.get`.
pub async fn get(conn: &mut SqliteConnection, _ctx: &Ctx, _p: Empty) -> Result<Municipality> {
    find(conn).await?.ok_or_else(not_created)
}

/// Params of `municipality.create`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct MunicipalityCreate {
    /// Official name.
    pub name: String,
    /// Siglas.
    pub short_name: String,
    /// `PE` or `CL`.
    pub country: String,
    /// Kind of municipality.
    pub kind: String,
}

fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn opt(s: &Option<String>) -> Option<String> {
    s.as_deref().map(clean).filter(|s| !s.is_empty())
}

fn validate_identity(name: &str, short_name: &str, country: &str, kind: &str) -> Result<()> {
    if name.chars().count() < 5 {
        return Err(Error::field(
            "name",
            if country == "CL" {
                "Escriba el nombre oficial completo, por ejemplo «Ilustre Municipalidad de Puerto Montt»."
            } else {
                "Escriba el nombre oficial completo, por ejemplo «Municipalidad Distrital de Paucarpata»."
            },
        ));
    }
    if name.chars().count() > 150 {
        return Err(Error::field(
            "name",
            "El nombre no puede pasar de 150 caracteres.",
        ));
    }
    let siglas_ok = (2..=12).contains(&short_name.chars().count())
        && short_name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == 'Ñ');
    if !siglas_ok {
        return Err(Error::field(
            "short_name",
            "Las siglas van en mayúsculas, de 2 a 12 letras o dígitos, sin espacios (por ejemplo MDP).",
        ));
    }
    match country {
        "PE" if !matches!(kind, "distrital" | "provincial" | "metropolitana") => Err(Error::field(
            "kind",
            "En Perú el tipo es distrital, provincial o metropolitana.",
        )),
        "CL" if kind != "comuna" => Err(Error::field(
            "kind",
            "En Chile la municipalidad es de una comuna: elija «comuna».",
        )),
        "PE" | "CL" => Ok(()),
        _ => Err(Error::field(
            "country",
            "Elija el país: Perú (PE) o Chile (CL).",
        )),
    }
}

/// The municipality's profile row, the first step of a new installation (`setup::create` adds
/// the country's defaults in the same transaction).
pub async fn create(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: MunicipalityCreate,
) -> Result<Municipality> {
    let name = clean(&p.name);
    let short_name = p.short_name.trim().to_uppercase();
    validate_identity(&name, &short_name, &p.country, &p.kind)?;
    if find(conn).await?.is_some() {
        return Err(Error::Conflict(
            "Esta base de datos ya tiene una municipalidad; edite su perfil en Configuración."
                .to_string(),
        ));
    }
    sqlx::query(
        "INSERT INTO municipality (id, name, short_name, country, kind, created_at)
         VALUES (1, $1, $2, $3, $4, $5)",
    )
    .bind(&name)
    .bind(&short_name)
    .bind(&p.country)
    .bind(&p.kind)
    .bind(ctx.stamp())
    .execute(&mut *conn)
    .await?;
    find(conn).await?.ok_or_else(not_created)
}

/// Params of `municipality.update`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct MunicipalityUpdate {
    /// Official name.
    pub name: String,
    /// Siglas.
    pub short_name: String,
    /// Kind of municipality.
    pub kind: String,
    /// Ubigeo or código comunal.
    pub territorial_code: Option<String>,
    /// Street address.
    pub address: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// E-mail.
    pub email: Option<String>,
    /// Web site.
    pub website: Option<String>,
}

/// Check an e-mail address loosely (one @, a dot in the domain, no spaces).
pub fn validate_email(email: &str, field: &str) -> Result<()> {
    let ok = email.split_once('@').is_some_and(|(user, domain)| {
        !user.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !email.contains(char::is_whitespace)
            && !domain.contains('@')
    });
    if ok {
        Ok(())
    } else {
        Err(Error::field(
            field,
            "Correo electrónico no válido (por ejemplo mesadepartes@muni.gob.pe).",
        ))
    }
}

/// Check a phone number: digits, spaces and `+ - ( )` only.
pub fn validate_phone(phone: &str, field: &str) -> Result<()> {
    if phone
        .chars()
        .all(|c| c.is_ascii_digit() || " +-()".contains(c))
    {
        Ok(())
    } else {
        Err(Error::field(
            field,
            "El teléfono solo admite dígitos, espacios y + - ( ).",
        ))
    }
}

/// `municipality.update`.
pub async fn update(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: MunicipalityUpdate,
) -> Result<Municipality> {
    let current = find(conn).await?.ok_or_else(not_created)?;
    let name = clean(&p.name);
    let short_name = p.short_name.trim().to_uppercase();
    validate_identity(&name, &short_name, &current.country, &p.kind)?;
    let code = opt(&p.territorial_code);
    if let Some(code) = &code {
        let (len, what) = if current.country == "PE" {
            (6, "El ubigeo tiene 6 dígitos (por ejemplo 040112).")
        } else {
            (5, "El código comunal tiene 5 dígitos (por ejemplo 13101).")
        };
        if code.len() != len || !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Error::field("territorial_code", what));
        }
    }
    let email = opt(&p.email);
    if let Some(e) = &email {
        validate_email(e, "email")?;
    }
    let phone = opt(&p.phone);
    if let Some(ph) = &phone {
        validate_phone(ph, "phone")?;
    }
    sqlx::query(
        "UPDATE municipality SET name = $1, short_name = $2, kind = $3, territorial_code = $4,
         address = $5, phone = $6, email = $7, website = $8 WHERE id = 1",
    )
    .bind(&name)
    .bind(&short_name)
    .bind(&p.kind)
    .bind(code)
    .bind(opt(&p.address))
    .bind(phone)
    .bind(email)
    .bind(opt(&p.website))
    .execute(&mut *conn)
    .await?;
    find(conn).await?.ok_or_else(not_created)
}

/// Params of `municipality.logo.set`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct MunicipalityLogoSet {
    /// Path of a PNG or JPEG image on this computer.
    pub path: String,
}

/// Largest logo accepted.
const MAX_LOGO_BYTES: usize = 5 * 1024 * 1024;

/// `municipality.logo.set`: copy the image into the file store and point the profile to it.
pub async fn logo_set(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    p: MunicipalityLogoSet,
) -> Result<Municipality> {
    find(conn).await?.ok_or_else(not_created)?;
    let bytes = std::fs::read(&p.path).map_err(|e| Error::Validation {
        field: Some("path".into()),
        message: format!("No se pudo leer el archivo {}: {e}", p.path),
    })?;
    let mime = files::image_mime(&bytes)
        .ok_or_else(|| Error::field("path", "El logo debe ser una imagen PNG o JPEG."))?;
    if bytes.len() > MAX_LOGO_BYTES {
        return Err(Error::field("path", "El logo no puede pasar de 5 MB."));
    }
    let name = std::path::Path::new(&p.path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "logo".into());
    let sha = files::store(conn, ctx, &bytes, mime, &name).await?;
    set_logo(conn, &sha, mime).await?;
    find(conn).await?.ok_or_else(not_created)
}

/// Point the profile to a logo already in the file store.
pub async fn set_logo(conn: &mut SqliteConnection, sha256: &str, mime: &str) -> Result<()> {
    sqlx::query("UPDATE municipality SET logo_sha256 = $1, logo_mime = $2 WHERE id = 1")
        .bind(sha256)
        .bind(mime)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The place written before a record's date: the district or comuna of the municipality's
/// name ("Municipalidad Distrital de Santa Rosa de Qochapampa" → "Santa Rosa de Qochapampa").
pub fn place_name(municipality: &str) -> String {
    let lower = municipality.to_lowercase();
    for prefix in [
        "ilustre municipalidad de ",
        "municipalidad metropolitana de ",
        "municipalidad provincial de ",
        "municipalidad distrital de ",
        "municipalidad de ",
    ] {
        if lower.starts_with(prefix) {
            // Prefixes are ASCII, so byte offsets line up.
            return municipality[prefix.len()..].trim().to_string();
        }
    }
    municipality.trim().to_string()
}

/// Result of `municipality.logo.get`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Logo {
    /// The logo as a `data:` URL, or null when there is none.
    pub data_url: Option<String>,
}

/// `municipality.logo.get`.
pub async fn logo_get(conn: &mut SqliteConnection, ctx: &Ctx, _p: Empty) -> Result<Logo> {
    let row: Option<(Option<String>, Option<String>)> =
        sqlx::query_as("SELECT logo_sha256, logo_mime FROM municipality WHERE id = 1")
            .fetch_optional(&mut *conn)
            .await?;
    let data_url = match row {
        Some((Some(sha), Some(mime))) => {
            let bytes = files::read(&ctx.files_dir, &sha)?;
            Some(format!(
                "data:{mime};base64,{}",
                base64::engine::general_purpose::STANDARD.encode(bytes)
            ))
        }
        _ => None,
    };
    Ok(Logo { data_url })
}

/// The official name of a year, printed on Peruvian documents. Also the params of
/// `municipality.year_name.set`.
#[derive(Debug, Clone, Serialize, Deserialize, TS, sqlx::FromRow)]
#[serde(deny_unknown_fields)]
pub struct YearName {
    /// Year.
    pub year: i64,
    /// "Año de la …".
    pub name: String,
}

/// `municipality.year_name.list`.
pub async fn year_name_list(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    _p: Empty,
) -> Result<Vec<YearName>> {
    Ok(
        sqlx::query_as("SELECT year, name FROM year_name ORDER BY year DESC")
            .fetch_all(&mut *conn)
            .await?,
    )
}

/// `municipality.year_name.set`.
pub async fn year_name_set(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: YearName,
) -> Result<YearName> {
    if !(1900..=2200).contains(&p.year) {
        return Err(Error::field("year", "Año no válido."));
    }
    let name = clean(&p.name);
    if name.chars().count() < 5 {
        return Err(Error::field(
            "name",
            "Escriba la denominación oficial del año, por ejemplo «Año de la Esperanza y el Fortalecimiento de la Democracia».",
        ));
    }
    sqlx::query("INSERT INTO year_name (year, name) VALUES ($1, $2) ON CONFLICT (year) DO UPDATE SET name = excluded.name")
        .bind(p.year)
        .bind(&name)
        .execute(&mut *conn)
        .await?;
    Ok(YearName { year: p.year, name })
}

/// Params of `municipality.year_name.delete`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct YearNameDelete {
    /// Year.
    pub year: i64,
}

/// `municipality.year_name.delete`.
pub async fn year_name_delete(
    conn: &mut SqliteConnection,
    _ctx: &Ctx,
    p: YearNameDelete,
) -> Result<Empty> {
    let done = sqlx::query("DELETE FROM year_name WHERE year = $1")
        .bind(p.year)
        .execute(&mut *conn)
        .await?;
    if done.rows_affected() == 0 {
        return Err(Error::NotFound(format!(
            "No hay denominación para el año {}.",
            p.year
        )));
    }
    Ok(Empty {})
}
