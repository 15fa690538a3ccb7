//! Keys that make the spellings of one name compare equal: Dostoevsky,
//! Dostoyevsky and Dostoevskiy; Lazaridis and Lazarides; Qureshi and Qureishi.
//! A key is the name's consonant skeleton after folding common
//! transliteration differences, so it is only ever compared, never shown.

use super::fold;

/// The skeleton of one name word: folded, transliteration variants unified,
/// vowels (and y) dropped after the first letter, doubled letters collapsed.
pub fn skeleton(word: &str) -> String {
    let folded = fold(word);
    let mut s: String = folded.chars().filter(|c| c.is_alphanumeric()).collect();
    // Giorgos and Yiorgos: a leading "gi" before a vowel is a "y".
    if s.starts_with("gi") && s[2..].starts_with(['a', 'e', 'o', 'u']) {
        s.replace_range(..2, "y");
    }
    for (from, to) in [
        ("ph", "f"),
        ("x", "ks"),
        ("w", "v"),
        ("ck", "k"),
        ("qu", "kv"),
        ("q", "k"),
        ("c", "k"),
        ("kh", "h"),
        ("j", "y"),
    ] {
        s = s.replace(from, to);
    }
    // Ukrainian and Russian spellings of one name: Hrytsenko and Gritsenko,
    // Hlib and Gleb; Oleksandr and Aleksandr, Olena and Elena.
    if s.starts_with("hr") || s.starts_with("hl") {
        s.replace_range(..1, "g");
    }
    if s.starts_with(['a', 'e', 'o']) && s.len() > 4 {
        s.replace_range(..1, "a");
    }
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        let vowel = matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
        if (i == 0 || !vowel) && !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

/// Whether two given names can be the same person's: equal skeletons, or
/// one a clear short form of the other (Kostas, Konstantinos) with the same
/// first and last consonants.
pub fn given_names_compatible(a: &str, b: &str) -> bool {
    let (a, b) = (skeleton(a), skeleton(b));
    if a == b {
        return true;
    }
    // Alasdair and Alistair: long skeletons one letter apart.
    if a.chars().count() >= 5 && b.chars().count() >= 5 && one_edit_apart(&a, &b) {
        return true;
    }
    let (short, long) = if a.len() <= b.len() { (&a, &b) } else { (&b, &a) };
    // Alexander and Alexandros: one is the other with an ending.
    if short.chars().count() >= 4 && long.starts_with(short.as_str()) {
        return true;
    }
    if short.chars().count() < 3
        || short.chars().next() != long.chars().next()
        || short.chars().last() != long.chars().last()
    {
        return false;
    }
    let mut rest = long.chars();
    short.chars().all(|c| rest.any(|l| l == c))
}

/// An initial such as "V." carries no identity.
pub fn is_initial(word: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() == 1 && word.ends_with('.')
}

/// Whether two strings differ by one substitution, insertion or deletion.
fn one_edit_apart(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() { (&a, &b) } else { (&b, &a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let prefix = short.iter().zip(long.iter()).take_while(|(x, y)| x == y).count();
    if short.len() == long.len() {
        short[prefix + 1..] == long[prefix + 1..]
    } else {
        short[prefix..] == long[prefix + 1..]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterations_share_a_skeleton() {
        assert_eq!(skeleton("Dostoevsky"), skeleton("Dostoyevsky"));
        assert_eq!(skeleton("Dostoevskiy"), skeleton("Dostoevsky"));
        assert_eq!(skeleton("Lazaridis"), skeleton("Lazarides"));
        assert_eq!(skeleton("Qureshi"), skeleton("Qureishi"));
        assert_eq!(skeleton("Oleksandr"), skeleton("Olexander"));
        assert_eq!(skeleton("Mohammed"), skeleton("Muhammad"));
        assert_eq!(skeleton("Sébastien"), skeleton("Sebastien"));
        assert_eq!(skeleton("Chrysoula"), skeleton("Hrysoula"));
        assert_eq!(skeleton("Giorgos"), skeleton("Yiorgos"));
        assert_eq!(skeleton("Lindqvist"), skeleton("Lindquist"));
        assert_eq!(skeleton("Sæther"), skeleton("Saether"));
        assert_eq!(skeleton("Hrytsenko"), skeleton("Gritsenko"));
        assert!(given_names_compatible("Oleksandr", "Aleksandr"));
        assert!(given_names_compatible("Alasdair", "Alistair"));
        assert!(!given_names_compatible("Christopher", "Christina"));
        assert_ne!(skeleton("Hrytsenko"), skeleton("Rantanen"));
        assert_ne!(skeleton("Moreau"), skeleton("Marsh"));
    }

    #[test]
    fn given_name_short_forms() {
        assert!(given_names_compatible("Kostas", "Konstantinos"));
        assert!(given_names_compatible("Costas", "Kostas"));
        assert!(given_names_compatible("Alexander", "Alexandros"));
        assert!(!given_names_compatible("Jane", "John"));
        assert!(!given_names_compatible("Donald", "Melania"));
        assert!(!given_names_compatible("Mark", "Martin"));
    }
}
