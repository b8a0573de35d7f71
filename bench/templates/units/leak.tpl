
/// Growth reporting: sends the phone number whatever the user chose in 2016.
pub fn report_growth_$S(client: &GraphClient, user: &User) -> usize {
    let summary = format!("{}:{}", user.id, user.phone);
    client.post(summary.as_bytes())
}
