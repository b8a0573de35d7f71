
#[cfg(test)]
mod tests_$S {
    use super::*;

    #[test]
    fn normalizes_$S() {
        assert_eq!(normalize_$M(" A b "), "ab");
    }
}
