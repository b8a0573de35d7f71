//! `[[labels]]` on a local type named by its module path, a `[[sources]]` on a local
//! function, and a toml sink reached through `Box`, `Arc` and `&` receivers.
#![allow(dead_code, unused)]

use std::sync::Arc;

pub mod model {
    #[derive(Debug, Clone, Copy)]
    pub struct Location {
        pub lat: f64,
        pub lon: f64,
    }
}

pub mod vendor {
    pub mod beacon {
        pub struct Beacon;
        impl Beacon {
            pub fn emit(&self, payload: String) {}
        }
    }
    pub mod sensors {
        pub fn imei() -> String {
            String::from("000")
        }
        pub fn battery() -> u8 {
            80
        }
    }
}

use model::Location;
use vendor::beacon::Beacon;

pub fn emit_location(location: Location, beacon: Box<Beacon>) {
    beacon.emit(format!("{},{}", location.lat, location.lon)); // VIOLATION (SL001): fields of a toml-labelled local type
}

pub fn emit_imei(beacon: Arc<Beacon>) {
    beacon.emit(vendor::sensors::imei()); // VIOLATION (SL001): a toml source on a local function
    beacon.emit(vendor::sensors::battery().to_string()); // clean: battery is no source
}

pub fn emit_by_ref(beacon: &&Beacon, location: &Location) {
    beacon.emit(format!("{location:?}")); // VIOLATION (SL001): the whole labelled value through a double reference receiver
}
