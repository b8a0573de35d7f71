
pub fn sync_contacts_$S(client: &GraphClient, users: &[User]) -> usize {
    let mut sent = 0;
    for user in users {
        if !shares_with_parent(user) {
            continue;
        }
        let batch: Vec<String> = user.contacts.iter().map(|c| normalize_$M(c)).collect();
        sent += client.post_batch(&batch);
    }
    sent
}

pub fn sync_phones_$S(client: &GraphClient, users: &[User]) -> usize {
    users
        .iter()
        .filter(|u| shares_with_parent(u))
        .map(|u| digits_$M(&u.phone))
        .map(|p| client.post(p.as_bytes()))
        .sum()
}
