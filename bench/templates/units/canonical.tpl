
pub fn canonical_$S(text: &str) -> String {
    let first = $X1(text);
    let second = $X2(&first);
    if first == second {
        first
    } else {
        second
    }
}
