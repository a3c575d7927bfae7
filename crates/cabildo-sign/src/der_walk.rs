//! A minimal DER walker: the exact bytes some structures were signed over must be taken from
//! the encoding as received, not re-encoded (a re-encoding may order a SET differently).

/// One tag-length-value element.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tlv<'a> {
    /// The identifier octet (single-byte tags only, which is all CMS and X.509 need here).
    pub tag: u8,
    /// The contents octets.
    pub value: &'a [u8],
    /// Identifier, length and contents together.
    pub raw: &'a [u8],
}

/// Reads the first element of `data`; returns it and what follows. Definite lengths only.
pub(crate) fn read(data: &[u8]) -> Option<(Tlv<'_>, &[u8])> {
    let tag = *data.first()?;
    if tag & 0x1f == 0x1f {
        return None; // multi-byte tag
    }
    let first = *data.get(1)?;
    let (len, header) = if first < 0x80 {
        (first as usize, 2)
    } else {
        let n = (first & 0x7f) as usize;
        if n == 0 || n > 4 {
            return None; // indefinite length or absurd size
        }
        let mut len = 0usize;
        for i in 0..n {
            len = (len << 8) | *data.get(2 + i)? as usize;
        }
        (len, 2 + n)
    };
    let end = header.checked_add(len)?;
    if end > data.len() {
        return None;
    }
    Some((
        Tlv {
            tag,
            value: &data[header..end],
            raw: &data[..end],
        },
        &data[end..],
    ))
}

/// The children of a constructed element.
pub(crate) fn children(value: &[u8]) -> Option<Vec<Tlv<'_>>> {
    let mut out = Vec::new();
    let mut rest = value;
    while !rest.is_empty() {
        let (tlv, r) = read(rest)?;
        out.push(tlv);
        rest = r;
    }
    Some(out)
}

/// Length of the first DER element in `data` (used to cut the zero padding of /Contents).
pub(crate) fn first_element_len(data: &[u8]) -> Option<usize> {
    read(data).map(|(t, _)| t.raw.len())
}

/// The to-be-signed part of a certificate, exactly as encoded.
pub(crate) fn tbs_of_certificate(cert_der: &[u8]) -> Option<&[u8]> {
    let (cert, _) = read(cert_der)?;
    let (tbs, _) = read(cert.value)?;
    Some(tbs.raw)
}

/// The signed attributes of the first SignerInfo of a CMS ContentInfo(SignedData), as the
/// bytes the signature covers (the `[0] IMPLICIT` tag replaced by the SET OF tag 0x31).
pub(crate) fn signed_attrs_of_cms(cms_der: &[u8]) -> Option<Vec<u8>> {
    let (ci, _) = read(cms_der)?;
    let ci_children = children(ci.value)?;
    let explicit = ci_children.get(1)?; // [0] EXPLICIT content
    let (sd, _) = read(explicit.value)?;
    let sd_children = children(sd.value)?;
    // signerInfos is the last SET of SignedData.
    let signer_infos = sd_children.iter().rev().find(|t| t.tag == 0x31)?;
    let (si, _) = read(signer_infos.value)?;
    let si_children = children(si.value)?;
    // version, sid, digestAlgorithm, then [0] signedAttrs if present.
    let attrs = si_children.get(3)?;
    if attrs.tag != 0xa0 {
        return None;
    }
    let mut out = attrs.raw.to_vec();
    out[0] = 0x31;
    Some(out)
}
