//! A newsletter service: subscribers' addresses go to the mail provider and nowhere else.
//! The advertising network gets only the subscriber count.

/// Someone who signed up for the newsletter.
#[derive(Debug, Clone, sharelock::Data)]
pub struct Subscriber {
    pub id: u64,
    #[sharelock(category = "contact.email", allow(mailer))]
    pub email: String,
}

/// The mail provider: it must have the address to deliver.
#[sharelock::sink(mailer)]
pub fn send_mail(to: &str, body: &str) -> String {
    format!("to {to}: {body}")
}

/// The advertising network.
#[sharelock::sink(ads)]
pub fn report_audience(entries: &[String]) -> usize {
    entries.len()
}

pub fn welcome(subscriber: &Subscriber) -> String {
    send_mail(&subscriber.email, "Welcome to the newsletter!")
}

/// Tells the advertising network how many people read the newsletter.
pub fn audience(subscribers: &[Subscriber]) -> usize {
    let entries = vec![subscribers.len().to_string()];
    report_audience(&entries)
}
