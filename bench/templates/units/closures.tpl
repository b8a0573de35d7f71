
pub fn make_reporter_$S(client: &GraphClient) -> impl Fn(&User) -> usize + '_ {
    move |user: &User| {
        let id = pseudonymize(user);
        client.post(id.to_string().as_bytes())
    }
}

pub fn report_all_$S(client: &GraphClient, users: &[User]) -> usize {
    let report = make_reporter_$S(client);
    let sent: usize = users.iter().map(|u| report(u)).sum();
    sent + users.iter().fold(0, |acc, u| acc + u.contacts.len())
}
