
pub async fn refresh_$S(store: &Store, relay: &RelayClient, id: u64) -> Option<usize> {
    let user = store.load(id).await?;
    let device = Device {
        ip: format!("10.0.{}.{}", id % 255, user.contacts.len()),
        model: "handset-$M".to_string(),
        app_version: "2.$M".to_string(),
    };
    let sent = relay.relay(device.ip.as_bytes());
    Some(sent + user.contacts.len())
}

pub async fn nightly_sync_$S(store: &Store, client: &GraphClient) -> usize {
    let users = store.load_all().await;
    let mut total = 0;
    for user in users.iter().filter(|u| shares_with_parent(u)) {
        total += client.post(normalize_$M(&user.phone).as_bytes());
    }
    total
}
