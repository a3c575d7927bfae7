//! Images (the logo): PNG decoded to 8-bit RGB or grey with any transparency flattened onto
//! white paper (PDF/A-2 allows soft masks, but printpdf 0.7 writes them inline and wrong);
//! JPEG passed through as DCT data.

use std::io::Cursor;

use crate::error::{Error, Result};

/// Pixel encoding of an image.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Pixels {
    /// 8-bit RGB samples.
    Rgb,
    /// 8-bit grey samples.
    Gray,
    /// A baseline or progressive JPEG with 3 components.
    JpegRgb,
    /// A JPEG with 1 component.
    JpegGray,
}

/// A decoded image ready for an image XObject.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct ImageData {
    pub width: u32,
    pub height: u32,
    pub pixels: Pixels,
    pub data: Vec<u8>,
}

fn bad(msg: &str) -> Error {
    Error::invalid(format!("La imagen no se puede usar en el PDF: {msg}."))
}

impl ImageData {
    /// PNG or JPEG bytes.
    pub fn decode(bytes: &[u8]) -> Result<ImageData> {
        if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            png(bytes)
        } else if bytes.starts_with(&[0xFF, 0xD8]) {
            jpeg(bytes)
        } else {
            Err(bad("debe ser PNG o JPEG"))
        }
    }
}

fn png(bytes: &[u8]) -> Result<ImageData> {
    let mut decoder = png::Decoder::new(Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().map_err(|e| bad(&e.to_string()))?;
    let size = reader
        .output_buffer_size()
        .ok_or_else(|| bad("demasiado grande"))?;
    let mut buf = vec![0; size];
    let info = reader
        .next_frame(&mut buf)
        .map_err(|e| bad(&e.to_string()))?;
    buf.truncate(info.buffer_size());
    let (w, h) = (info.width, info.height);
    // Flatten alpha onto white: c' = c·a + 255·(1 − a).
    let over_white =
        |c: u8, a: u8| ((c as u32 * a as u32 + 255 * (255 - a as u32) + 127) / 255) as u8;
    let (pixels, data) = match info.color_type {
        png::ColorType::Rgb => (Pixels::Rgb, buf),
        png::ColorType::Grayscale => (Pixels::Gray, buf),
        png::ColorType::Rgba => (
            Pixels::Rgb,
            buf.chunks_exact(4)
                .flat_map(|p| {
                    [
                        over_white(p[0], p[3]),
                        over_white(p[1], p[3]),
                        over_white(p[2], p[3]),
                    ]
                })
                .collect(),
        ),
        png::ColorType::GrayscaleAlpha => (
            Pixels::Gray,
            buf.chunks_exact(2)
                .map(|p| over_white(p[0], p[1]))
                .collect(),
        ),
        png::ColorType::Indexed => return Err(bad("paleta sin expandir")),
    };
    Ok(ImageData {
        width: w,
        height: h,
        pixels,
        data,
    })
}

/// Read the frame header (SOFn) of a JPEG for its size and number of components.
fn jpeg(bytes: &[u8]) -> Result<ImageData> {
    let mut i = 2;
    while i + 4 <= bytes.len() {
        if bytes[i] != 0xFF {
            return Err(bad("JPEG dañado"));
        }
        let marker = bytes[i + 1];
        if marker == 0xFF {
            i += 1;
            continue;
        }
        let len = u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]) as usize;
        let is_sof = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if is_sof {
            let seg = bytes
                .get(i + 4..i + 2 + len)
                .ok_or_else(|| bad("JPEG truncado"))?;
            if seg.len() < 6 {
                return Err(bad("JPEG truncado"));
            }
            let height = u16::from_be_bytes([seg[1], seg[2]]) as u32;
            let width = u16::from_be_bytes([seg[3], seg[4]]) as u32;
            let pixels = match seg[5] {
                1 => Pixels::JpegGray,
                3 => Pixels::JpegRgb,
                _ => return Err(bad("JPEG CMYK: guárdelo como PNG o JPEG RGB")),
            };
            if width == 0 || height == 0 {
                return Err(bad("JPEG sin tamaño"));
            }
            return Ok(ImageData {
                width,
                height,
                pixels,
                data: bytes.to_vec(),
            });
        }
        i += 2 + len;
    }
    Err(bad("JPEG sin cabecera de imagen"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png_rgba(w: u32, h: u32) -> Vec<u8> {
        let mut out = Vec::new();
        {
            let mut enc = png::Encoder::new(&mut out, w, h);
            enc.set_color(png::ColorType::Rgba);
            enc.set_depth(png::BitDepth::Eight);
            let mut wr = enc.write_header().unwrap();
            let data: Vec<u8> = (0..w * h)
                .flat_map(|i| [200, 0, 0, (i % 256) as u8])
                .collect();
            wr.write_image_data(&data).unwrap();
        }
        out
    }

    #[test]
    fn png_alpha_is_flattened_on_white() {
        let img = ImageData::decode(&png_rgba(4, 3)).unwrap();
        assert_eq!((img.width, img.height, img.pixels), (4, 3, Pixels::Rgb));
        assert_eq!(img.data.len(), 4 * 3 * 3);
        // First pixel fully transparent: white.
        assert_eq!(&img.data[..3], &[255, 255, 255]);
    }

    #[test]
    fn jpeg_size_comes_from_the_frame_header() {
        let mut j = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x4A, 0x46];
        // SOF0: length 17, 8 bits, 16 × 32, 3 components.
        j.extend_from_slice(&[0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 0x10, 0x00, 0x20, 0x03]);
        j.extend_from_slice(&[1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
        let img = ImageData::decode(&j).unwrap();
        assert_eq!(
            (img.width, img.height, img.pixels),
            (32, 16, Pixels::JpegRgb)
        );
        j[17] = 4;
        assert!(ImageData::decode(&j).is_err(), "CMYK is refused");
    }

    #[test]
    fn other_formats_are_refused() {
        assert!(ImageData::decode(b"GIF89a").is_err());
    }
}
