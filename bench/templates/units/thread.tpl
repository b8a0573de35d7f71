
pub fn spawn_upload_$S(client: Arc<GraphClient>, user: User) -> std::thread::JoinHandle<usize> {
    std::thread::spawn(move || {
        if shares_with_parent(&user) {
            client.post(user.phone.as_bytes())
        } else {
            0
        }
    })
}
