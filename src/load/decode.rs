//! Turns a file's bytes into text: UTF-8 with or without a byte-order mark,
//! UTF-16 with a mark, and Windows-1252 as the fallback for older files.
//! Binary files are refused rather than decoded into noise.

use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};

/// Why a file's bytes are not text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeProblem {
    /// NUL bytes or mostly control characters: an image, archive or other binary.
    Binary,
}

/// Decoded text, with a note when it was not plain UTF-8.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// Set when the text was read as Windows-1252: (line of the first byte that was not UTF-8, message).
    pub fallback: Option<(usize, String)>,
}

/// Decodes a file's bytes, normalising line endings to `\n`.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeProblem> {
    let (text, fallback) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        decode_utf8_or_1252(rest)?
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        (UTF_16LE.decode_without_bom_handling(rest).0.into_owned(), None)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        (UTF_16BE.decode_without_bom_handling(rest).0.into_owned(), None)
    } else {
        decode_utf8_or_1252(bytes)?
    };
    if looks_binary(&text) {
        return Err(DecodeProblem::Binary);
    }
    Ok(Decoded { text: text.replace("\r\n", "\n").replace('\r', "\n"), fallback })
}

fn decode_utf8_or_1252(bytes: &[u8]) -> Result<(String, Option<(usize, String)>), DecodeProblem> {
    if bytes.iter().take(8192).any(|&b| b == 0) {
        return Err(DecodeProblem::Binary);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((text.to_string(), None)),
        Err(err) => {
            let line = bytes[..err.valid_up_to()].iter().filter(|&&b| b == b'\n').count() + 1;
            let (text, _, _) = WINDOWS_1252.decode(bytes);
            Ok((text.into_owned(), Some((line, "not valid UTF-8; read as Windows-1252".to_string()))))
        }
    }
}

/// Text where more than one character in ten is a control character is not prose.
fn looks_binary(text: &str) -> bool {
    let sample = text.chars().take(8192);
    let (mut total, mut control) = (0usize, 0usize);
    for c in sample {
        total += 1;
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{0c}') {
            control += 1;
        }
    }
    total > 0 && control * 10 > total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_bom_and_crlf() {
        let decoded = decode(b"\xEF\xBB\xBFcaf\xC3\xA9\r\nline\r").unwrap();
        assert_eq!(decoded.text, "café\nline\n");
        assert!(decoded.fallback.is_none());
    }

    #[test]
    fn windows_1252_fallback_names_the_line() {
        let decoded = decode(b"ok\nsecond \x93quoted\x94 caf\xE9").unwrap();
        assert_eq!(decoded.text, "ok\nsecond “quoted” café");
        assert_eq!(decoded.fallback.unwrap().0, 2);
    }

    #[test]
    fn utf16_with_bom() {
        let bytes: Vec<u8> =
            b"\xFF\xFE".iter().copied().chain("hé".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert_eq!(decode(&bytes).unwrap().text, "hé");
    }

    #[test]
    fn binary_is_refused() {
        assert_eq!(decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Err(DecodeProblem::Binary));
        assert_eq!(decode(&[1u8, 2, 3, 4, 5, 6, 7, 8, 11, 12, 14, 15]), Err(DecodeProblem::Binary));
    }
}
