
/// Normalizes a contact entry before it is stored or compared.
pub fn normalize_$M(text: &str) -> String {
    let trimmed = previous_normalize(text);
    trimmed.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase()
}

fn digits_$M(text: &str) -> String {
    text.chars().filter(|c| c.is_ascii_digit()).collect()
}
