
pub struct Lowercase$S;

impl Normalizer for Lowercase$S {
    fn normalize(&self, text: &str) -> String {
        normalize_$M(text)
    }
}

pub fn normalize_all_$S<N: Normalizer>(normalizer: &N, items: &[String]) -> Vec<String> {
    items.iter().map(|i| normalizer.normalize(i)).collect()
}

pub fn share_normalized_$S(client: &GraphClient, user: &User) -> usize {
    if !shares_with_parent(user) {
        return 0;
    }
    let items = normalize_all_$S(&Lowercase$S, &user.contacts);
    client.post_batch(&items)
}
