//! The messenger's promises, tested at run time on the in-process fakes: what sharelock
//! proves about every path, these tests show on a few concrete ones.

use messenger::account::{Device, Platform, PolicyVersion, User, UserId};
use messenger::address_book::PhoneBook;
use messenger::analytics_sdk::AnalyticsClient;
use messenger::backup_store::BackupBucket;
use messenger::business::{Business, BusinessMessage, HostingError};
use messenger::chats::{self, HandOver, Relay, Stored};
use messenger::client::ChatClient;
use messenger::directory::Directory;
use messenger::e2e::SessionKey;
use messenger::export::{self, ExportDesk};
use messenger::graph_sdk::GraphClient;
use messenger::hosting_sdk::HostingClient;
use messenger::notify::{MobilePush, Notifier};
use messenger::ops_log::ServerLog;
use messenger::push_gateway::PushGateway;
use messenger::{backup, infra_sync, metrics, privacy, runtime};

const SECRET: &str = "the spare key is under the blue pot";

fn android(token: &str) -> Device {
    Device::new("Pixel 8", "Android 15", Platform::Android, token)
}

/// Ana consents; Ben opted out in 2016 and accepted the 2021 policy later.
fn ana_and_ben(log: &ServerLog) -> (Directory, UserId, UserId) {
    let mut directory = Directory::default();
    let book = PhoneBook::default().with("Ben", "+44 7700 900002");
    let ana = directory.register("Ana", "+351 910 000 001", android("fcm-ana"), &book, log);
    let mut ben =
        User::new(10_002, "Ben", "+44 7700 900002", android("fcm-ben")).since(PolicyVersion::V2016);
    privacy::opt_out_2016(&mut ben).unwrap();
    privacy::accept_policy(&mut ben, PolicyVersion::V2021);
    let ben_id = ben.id;
    directory.import(ben);
    (directory, ana, ben_id)
}

#[test]
fn the_2016_opt_out_keeps_every_job_away_from_the_parent_company() {
    let log = ServerLog::default();
    let graph = GraphClient::default();
    let (mut directory, _, ben) = ana_and_ben(&log);

    infra_sync::nightly(directory.users(), &graph, &log);
    runtime::block_on(infra_sync::refresh_profiles(
        directory.users(),
        &graph,
        &log,
    ));
    let user = directory.get_mut(ben).unwrap();
    infra_sync::on_policy_accepted(user, PolicyVersion::V2021, &graph);
    infra_sync::on_user_online(user, 100, &graph);

    let received = graph.received();
    assert!(received.iter().any(|line| line.contains("u1:")));
    // Ben's number may reach it only as an entry of Ana's address book.
    assert!(received.iter().all(|line| !line.contains("of u10002")));
}

#[test]
fn accepting_the_2021_policy_shares_the_device_of_a_user_who_never_opted_out() {
    let graph = GraphClient::default();
    let mut chloe =
        User::new(3, "Chloe", "+33 6 00 00 00 03", android("fcm-c")).since(PolicyVersion::V2014);
    infra_sync::on_policy_accepted(&mut chloe, PolicyVersion::V2021, &graph);
    assert_eq!(graph.received(), vec!["device of u3: Pixel 8 / Android 15"]);
}

#[test]
fn nightly_reports_count_shared_and_withheld_users() {
    let log = ServerLog::default();
    let graph = GraphClient::default();
    let (directory, _, _) = ana_and_ben(&log);
    let reports = infra_sync::nightly(directory.users(), &graph, &log);
    for report in reports {
        assert_eq!((report.shared, report.withheld), (1, 1));
    }
}

#[test]
fn business_chats_reach_the_parent_hosting_only_when_the_business_chose_it() {
    let log = ServerLog::default();
    let hosting = HostingClient::default();
    let mut hand_over = HandOver::default();
    let bakery = Business::on_parent_cloud(1, "Bakery", "eu-west");
    let clinic = Business::self_hosted(2, "Clinic", "https://chat.clinic.example");
    let order = vec![BusinessMessage::from_customer(
        bakery.id,
        UserId(1),
        "bread",
        1,
    )];
    let visit = vec![BusinessMessage::from_customer(
        clinic.id,
        UserId(1),
        "rash",
        1,
    )];

    let stored = chats::file_business_thread(&bakery, &order, &hosting, &mut hand_over, &log);
    assert_eq!(
        stored,
        Stored::ParentHosting {
            region: "eu-west".into(),
            messages: 1
        }
    );
    chats::file_business_thread(&clinic, &visit, &hosting, &mut hand_over, &log);
    assert!(matches!(
        chats::migrate_archive(&clinic, &visit, &hosting),
        Err(HostingError::SelfHosted { .. })
    ));

    assert!(hosting.stored().iter().all(|line| !line.contains("rash")));
    assert_eq!(hand_over.delivered.len(), 1);
    assert_eq!(chats::migrate_archive(&bakery, &order, &hosting), Ok(1));
}

#[test]
fn a_legal_hold_is_the_one_recorded_exception() {
    let hosting = HostingClient::default();
    let visit = vec![BusinessMessage::from_customer(
        messenger::business::BusinessId(2),
        UserId(1),
        "rash",
        1,
    )];
    assert_eq!(chats::preserve_for_legal_hold(&visit, &hosting), 1);
    assert!(hosting.stored()[0].starts_with("[legal-hold]"));
}

#[test]
fn no_party_ever_sees_the_text_of_a_personal_message() {
    let log = ServerLog::default();
    let analytics = AnalyticsClient::default();
    let (mut directory, ana, ben) = ana_and_ben(&log);
    let mut notifier = Notifier::default().with_channel(Box::new(MobilePush {
        platform: Platform::Android,
        gateway: PushGateway::default(),
    }));
    for user in directory.users() {
        notifier.register_device(user);
    }
    let mut relay = Relay::default();
    let mut ana_app = ChatClient::new(ana);
    let mut ben_app = ChatClient::new(ben);

    let envelope = ana_app.compose(ben, SECRET, 10, &analytics);
    relay.accept(envelope, 10, &mut directory, &notifier, &log);
    let bucket = BackupBucket::default();
    let user = directory.get(ana).unwrap();
    backup::back_up(user, ana_app.history(), SessionKey(7), &bucket);
    assert_eq!(ben_app.receive(relay.fetch(ben)), 0);

    assert_eq!(ben_app.conversation(ana)[0].body, SECRET);
    let everything_sent = [
        notifier.sent(),
        analytics.events(),
        log.lines(),
        bucket.objects(),
    ]
    .concat();
    assert!(!everything_sent.is_empty());
    assert!(everything_sent
        .iter()
        .all(|line| !line.contains("spare key")));
    assert_eq!(directory.get(ana).unwrap().usage.messages_sent, 1);
}

#[test]
fn download_your_data_shows_the_opt_out() {
    let log = ServerLog::default();
    let desk = ExportDesk::default();
    let (directory, _, ben) = ana_and_ben(&log);
    export::download_your_data(directory.get(ben).unwrap(), &[], &desk);
    let delivered = desk.delivered();
    assert!(delivered[0].contains("Opted out of sharing with the parent company in 2016: true"));
    assert!(delivered[0].contains("Accepted: the 2021 policy"));
}

#[test]
fn the_server_log_and_analytics_carry_no_phone_numbers() {
    let log = ServerLog::default();
    let analytics = AnalyticsClient::default();
    let graph = GraphClient::default();
    let (directory, _, _) = ana_and_ben(&log);
    infra_sync::nightly(directory.users(), &graph, &log);
    metrics::daily_report(directory.users(), 10 * metrics::DAY, &analytics);
    let lines = [log.lines(), analytics.events()].concat();
    assert!(lines
        .iter()
        .all(|line| !line.contains("+351") && !line.contains("+44")));
    assert!(analytics
        .events()
        .contains(&"daily_active users=0".to_string()));
}
