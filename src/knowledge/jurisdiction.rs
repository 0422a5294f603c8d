//! The province of a case's deciding agency: the places table (`crate::law::jurisdiction`) read
//! with the `jurisdiction.province` setting. Uses law and the loaded settings.
//!
//! Example: `province(Some("开封市消防救援支队鼓楼区大队"), kb)` is `Some("河南")`;
//! `province(Some("鼓楼区消防救援大队"), kb)` is `None` unless the setting names a province
//! (鼓楼区 exists in several provinces).

use super::Knowledge;
use crate::law::jurisdiction::HENAN;

/// The setting a jurisdiction configures to name its province when agency names do not.
pub const SETTING: &str = "jurisdiction.province";

/// The province of the deciding agency: from its name, else the configured
/// `jurisdiction.province`, else unknown.
pub fn province<'a>(agency: Option<&str>, kb: &'a Knowledge) -> Option<&'a str> {
    if let Some(p) = agency.and_then(|a| kb.places.province_of(a.trim())) {
        return Some(p);
    }
    match kb.settings.get(SETTING)?.at(None)? {
        crate::knowledge::settings::Value::Text(t) if !t.trim().is_empty() => Some(t.trim()),
        _ => None,
    }
}

/// Whether the agency is in Henan: `Some(true)`/`Some(false)`, or `None` when the province is
/// unknown (provincial rules are then not checkable).
pub fn is_henan(agency: Option<&str>, kb: &Knowledge) -> Option<bool> {
    province(agency, kb).map(|p| p == HENAN)
}

/// [`is_henan`] for a case's deciding agency.
pub fn case_is_henan(case: &crate::model::Case, kb: &Knowledge) -> Option<bool> {
    is_henan(case.agency.value().map(String::as_str), kb)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_setting_names_the_province_when_the_name_does_not() {
        let mut kb = Knowledge::shipped();
        assert_eq!(is_henan(Some("鼓楼区大队"), &kb), None);
        assert_eq!(is_henan(None, &kb), None);
        kb.settings
            .configure(
                SETTING,
                &toml::Value::String("河南".into()),
                "caselint.toml:3",
            )
            .unwrap();
        assert_eq!(is_henan(Some("鼓楼区大队"), &kb), Some(true));
        assert_eq!(is_henan(None, &kb), Some(true));
        // A name that says another province wins over the setting.
        assert_eq!(is_henan(Some("南京市消防救援支队"), &kb), Some(false));
    }
}
