//! The messenger demo: a day in the life of three users, two businesses and the parent
//! company, printing what each party receives. Run it with `cargo run -p messenger`.

use messenger::account::{Device, Platform, PolicyVersion, PrivacySettings, Usage, User};
use messenger::address_book::{self, PhoneBook};
use messenger::analytics_sdk::AnalyticsClient;
use messenger::backup_store::BackupBucket;
use messenger::business::{Business, BusinessMessage};
use messenger::chats::{self, HandOver, Relay};
use messenger::client::ChatClient;
use messenger::directory::Directory;
use messenger::e2e::SessionKey;
use messenger::export::{self, ExportDesk};
use messenger::graph_sdk::GraphClient;
use messenger::hosting_sdk::HostingClient;
use messenger::notify::{MobilePush, Notifier, WebPush};
use messenger::ops_log::ServerLog;
use messenger::push_gateway::PushGateway;
use messenger::{backup, infra_sync, metrics, privacy, runtime};
use sharelock::Labeled;

/// Noon on the day of the demo, in seconds since the epoch.
const NOON: u64 = 1_767_268_800;

fn section(title: &str) {
    println!("\n== {title}");
}

fn show(party: &str, lines: &[String]) {
    println!("{party} received {}:", lines.len());
    for line in lines {
        println!("    {line}");
    }
}

fn main() {
    let log = ServerLog::default();
    let graph = GraphClient::default();
    let hosting = HostingClient::default();
    let analytics = AnalyticsClient::default();

    section("What an account's labels promise (sharelock::Labeled)");
    let labels = User::LABELS
        .iter()
        .chain(Device::LABELS)
        .chain(Usage::LABELS)
        .chain(PrivacySettings::LABELS);
    for label in labels {
        println!("{:<26} {:?}", label.category, label.parties);
    }

    section("Accounts");
    let mut directory = Directory::default();
    let ana_phone = Device::new("Pixel 8", "Android 15", Platform::Android, "fcm-ana");
    let ana_book = PhoneBook::default()
        .with("Ben", "+44 7700 900002")
        .with("Mum", "+351 910 000 009");
    let ana = directory.register("Ana", "+351 910 000 001", ana_phone, &ana_book, &log);
    let ben_phone = Device::new("iPhone 15", "iOS 18", Platform::Ios, "apns-ben");
    let mut ben_account = User::new(10_002, "Ben", "+44 7700 900002", ben_phone);
    ben_account = ben_account.since(PolicyVersion::V2016);
    privacy::opt_out_2016(&mut ben_account).expect("Ben's account dates from 2016");
    privacy::accept_policy(&mut ben_account, PolicyVersion::V2021);
    let ben_book = PhoneBook::default().with("Ana", "+351 910 000 001");
    ben_account.contacts = address_book::read_all(&ben_book);
    let ben = ben_account.id;
    directory.import(ben_account);
    let chloe_phone = Device::new("Firefox", "Linux", Platform::Web, "webpush-chloe");
    let chloe_account = User::new(10_003, "Chloe", "+33 6 00 00 00 03", chloe_phone);
    let chloe = chloe_account.id;
    directory.import(chloe_account.since(PolicyVersion::V2014));
    for user in directory.users() {
        println!(
            "{} {}: accepted the {}, opted out in 2016: {}, shares with the parent company: {}",
            user.id,
            user.display_name,
            user.privacy.accepted_policy,
            user.privacy.opted_out_2016,
            privacy::shares_with_parent(user)
        );
    }

    section("A personal chat: Ana writes to Ben");
    let mut notifier = Notifier::default()
        .with_channel(Box::new(MobilePush {
            platform: Platform::Ios,
            gateway: PushGateway::default(),
        }))
        .with_channel(Box::new(MobilePush {
            platform: Platform::Android,
            gateway: PushGateway::default(),
        }))
        .with_channel(Box::new(WebPush::default()));
    for user in directory.users() {
        notifier.register_device(user);
    }
    let mut relay = Relay::default();
    let mut ana_app = ChatClient::new(ana);
    let mut ben_app = ChatClient::new(ben);
    let hello = ana_app.compose(
        ben,
        "Dinner at eight? I'll book the usual place.",
        NOON,
        &analytics,
    );
    println!(
        "the relay sees: {} -> {}, {}",
        hello.from,
        hello.to,
        hello.sealed.fingerprint()
    );
    relay.accept(hello, NOON, &mut directory, &notifier, &log);
    let reply = ben_app.compose(ana, "Yes! See you there.", NOON + 60, &analytics);
    relay.accept(reply, NOON + 60, &mut directory, &notifier, &log);
    println!("envelopes waiting: {}", relay.waiting());
    let unreadable = ben_app.receive(relay.fetch(ben)) + ana_app.receive(relay.fetch(ana));
    println!("unreadable envelopes: {unreadable}");
    for msg in ben_app.conversation(ana) {
        println!("on Ben's phone: {} -> {}: {}", msg.from, msg.to, msg.body);
    }

    section("Business chats");
    let bakery = Business::on_parent_cloud(1, "Bakery", "eu-west");
    let clinic = Business::self_hosted(2, "Clinic", "https://chat.clinic.example");
    let bakery_thread = vec![
        BusinessMessage::from_customer(bakery.id, ana, "Two croissants for 9am?", NOON),
        BusinessMessage::to_customer(bakery.id, ana, "Reserved, see you!", NOON + 30),
    ];
    let clinic_thread = vec![BusinessMessage::from_customer(
        clinic.id,
        ben,
        "Can I move my appointment?",
        NOON,
    )];
    let mut hand_over = HandOver::default();
    for (business, thread) in [(&bakery, &bakery_thread), (&clinic, &clinic_thread)] {
        let stored = chats::file_business_thread(business, thread, &hosting, &mut hand_over, &log);
        println!("{}: {stored:?}", business.name);
    }
    match chats::migrate_archive(&clinic, &clinic_thread, &hosting) {
        Ok(moved) => println!("Clinic archive moved: {moved} messages"),
        Err(refused) => println!("Clinic archive not moved: {refused}"),
    }
    let held = chats::preserve_for_legal_hold(&clinic_thread, &hosting);
    println!("Clinic chats under legal hold: {held}");

    section("Nightly sync with the parent company");
    let [contacts, usage, devices] = infra_sync::nightly(directory.users(), &graph, &log);
    println!("contacts: {contacts}\nusage: {usage}\ndevices: {devices}");

    section("Chloe accepts the 2021 policy; Ben accepts it again");
    for (who, name) in [(chloe, "Chloe"), (ben, "Ben")] {
        if let Some(user) = directory.get_mut(who) {
            infra_sync::on_policy_accepted(user, PolicyVersion::V2021, &graph);
            println!("{name} shares now: {}", privacy::shares_with_parent(user));
        }
    }

    section("Profile refresh (async)");
    let refresh = infra_sync::refresh_profiles(directory.users(), &graph, &log);
    println!("{}", runtime::block_on(refresh));
    for who in [ana, ben] {
        if let Some(user) = directory.get_mut(who) {
            infra_sync::on_user_online(user, NOON + 3600, &graph);
        }
    }

    section("Analytics, backups and download your data");
    metrics::daily_report(directory.users(), NOON, &analytics);
    let bucket = BackupBucket::default();
    if let Some(user) = directory.get(ana) {
        let objects = backup::back_up(user, ana_app.history(), SessionKey(0xA7A), &bucket);
        println!("Ana's backup: {objects} objects");
    }
    let desk = ExportDesk::default();
    let all_business_chats: Vec<BusinessMessage> = bakery_thread
        .iter()
        .chain(&clinic_thread)
        .cloned()
        .collect();
    if let Some(user) = directory.get(ben) {
        export::download_your_data(user, &all_business_chats, &desk);
    }

    section("What each party received");
    show("the parent company", &graph.received());
    show("business hosting", &hosting.stored());
    show(
        "self-hosted businesses",
        &hand_over
            .delivered
            .iter()
            .map(|(to, m)| format!("{to}: {}", m.body))
            .collect::<Vec<_>>(),
    );
    show("push services", &notifier.sent());
    show("analytics", &analytics.events());
    show("backups", &bucket.objects());
    show("the server log", &log.lines());
    show("download your data", &desk.delivered());
}
