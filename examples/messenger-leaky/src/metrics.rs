//! Product analytics (`analytics`, default deny): counts and coarse buckets only.

use crate::account::{Usage, User};
use crate::analytics_sdk::{AnalyticsClient, Event};

/// Seconds in a day.
pub const DAY: u64 = 24 * 60 * 60;

/// How active a user is, in buckets wide enough to say nothing about one person.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ActivityBucket {
    Dormant,
    Light,
    Regular,
    Heavy,
}

impl ActivityBucket {
    pub const ALL: [ActivityBucket; 4] = [
        ActivityBucket::Dormant,
        ActivityBucket::Light,
        ActivityBucket::Regular,
        ActivityBucket::Heavy,
    ];

    fn name(self) -> &'static str {
        match self {
            ActivityBucket::Dormant => "dormant",
            ActivityBucket::Light => "light",
            ActivityBucket::Regular => "regular",
            ActivityBucket::Heavy => "heavy",
        }
    }
}

/// The bucket of a user's usage: keeps the coarse level, drops the numbers, so the result
/// no longer carries `account.usage`.
#[sharelock::sanitizer(removes = "account.usage")]
pub fn activity_bucket(usage: &Usage) -> ActivityBucket {
    match usage.messages_sent {
        0 => ActivityBucket::Dormant,
        1..=9 => ActivityBucket::Light,
        10..=99 => ActivityBucket::Regular,
        _ => ActivityBucket::Heavy,
    }
}

/// The daily report: how many users were active in the last day, and how many fall in
/// each activity bucket.
pub fn daily_report(users: &[User], now: u64, analytics: &AnalyticsClient) {
    let active = users
        .iter()
        .filter(|u| u.usage.last_seen + DAY >= now)
        .count();
    analytics.track_event(&Event::new("daily_active").with("users", active));
    let buckets: Vec<ActivityBucket> = users.iter().map(|u| activity_bucket(&u.usage)).collect();
    let mut event = Event::new("activity_mix");
    for bucket in ActivityBucket::ALL {
        let n = buckets.iter().filter(|b| **b == bucket).count();
        event = event.with(bucket.name(), n);
    }
    analytics.track_event(&event);
}
