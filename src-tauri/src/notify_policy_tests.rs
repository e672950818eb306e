use sluice_wire::{MonitorNumbers, MonitorSeverity, MonitorVerdict, MonitorVerdictKind};

use super::{NotifyPolicy, Outgoing};

const MIN: u64 = 60_000;

fn verdict(consumer: &str, kind: MonitorVerdictKind) -> MonitorVerdict {
    let severity = match kind {
        MonitorVerdictKind::Healthy | MonitorVerdictKind::Idle | MonitorVerdictKind::Paused => {
            MonitorSeverity::Ok
        }
        MonitorVerdictKind::FallingBehind => MonitorSeverity::Warning,
        _ => MonitorSeverity::Alert,
    };
    MonitorVerdict {
        id: format!("S/{consumer}"),
        stream: "S".into(),
        consumer: consumer.into(),
        filter_subjects: vec![],
        kind,
        severity,
        reason: format!("{consumer} is {kind:?}"),
        also: vec![],
        threshold: None,
        numbers: MonitorNumbers::default(),
        at_ms: 0,
        since_ms: 0,
    }
}

fn ids(out: &[Outgoing]) -> Vec<String> {
    out.iter()
        .map(|o| match o {
            Outgoing::One(a) => a.id.clone(),
            Outgoing::Summary { count, .. } => format!("summary of {count}"),
        })
        .collect()
}

use MonitorVerdictKind::{AckStall, FallingBehind, Healthy, NoWorkers, Paused};

#[test]
fn one_notification_per_transition_not_per_poll() {
    let mut p = NotifyPolicy::new(5, MIN);
    let stuck = [verdict("a", AckStall), verdict("b", Healthy)];
    assert_eq!(ids(&p.offer(0, &stuck)), ["S/a"]);
    for poll in 1..20 {
        assert!(p.offer(poll * 2_000, &stuck).is_empty(), "poll {poll}");
    }
    // A different alert for the same consumer is a new transition.
    let worse = [verdict("a", NoWorkers)];
    assert_eq!(ids(&p.offer(50_000, &worse)), ["S/a"]);
}

#[test]
fn recovering_then_sticking_again_notifies_again() {
    let mut p = NotifyPolicy::new(5, MIN);
    assert_eq!(p.offer(0, &[verdict("a", AckStall)]).len(), 1);
    assert!(p.offer(1, &[verdict("a", Healthy)]).is_empty());
    assert_eq!(p.offer(2, &[verdict("a", AckStall)]).len(), 1);
    // Vanishing counts as recovering too.
    assert!(p.offer(3, &[]).is_empty());
    assert_eq!(p.offer(4, &[verdict("a", AckStall)]).len(), 1);
}

#[test]
fn warnings_and_intentional_states_never_notify() {
    let mut p = NotifyPolicy::new(5, MIN);
    let calm = [
        verdict("a", FallingBehind),
        verdict("b", Paused),
        verdict("c", Healthy),
    ];
    assert!(p.offer(0, &calm).is_empty());
    assert_eq!(p.held(), 0);
}

#[test]
fn a_burst_beyond_the_limit_is_summarised_in_the_last_slot() {
    let mut p = NotifyPolicy::new(3, MIN);
    let burst: Vec<_> = (0..10)
        .map(|i| verdict(&format!("c{i}"), AckStall))
        .collect();
    let out = p.offer(0, &burst);
    assert_eq!(ids(&out), ["S/c0", "S/c1", "summary of 8"]);
    let Outgoing::Summary { alerts, .. } = &out[2] else {
        panic!("no summary")
    };
    assert_eq!(alerts.len(), 8);
    assert_eq!(alerts[0].consumer, "c2");
}

#[test]
fn alerts_past_a_full_window_are_held_then_summarised_once_a_slot_frees() {
    let mut p = NotifyPolicy::new(2, MIN);
    let mut live = vec![verdict("a", AckStall), verdict("b", AckStall)];
    assert_eq!(p.offer(0, &live).len(), 2);
    live.push(verdict("c", NoWorkers));
    live.push(verdict("d", NoWorkers));
    assert!(p.offer(10_000, &live).is_empty(), "window is full");
    assert_eq!(p.held(), 2);
    assert!(p.offer(59_999, &live).is_empty(), "still inside the window");
    // Both slots free again: the two held alerts fit, each on its own.
    assert_eq!(ids(&p.offer(60_000, &live)), ["S/c", "S/d"]);
    assert_eq!(p.held(), 0);
    assert!(p.offer(70_000, &live).is_empty(), "no repeats");
}

#[test]
fn a_held_alert_that_recovered_is_dropped() {
    let mut p = NotifyPolicy::new(1, MIN);
    assert_eq!(p.offer(0, &[verdict("a", AckStall)]).len(), 1);
    let both = [verdict("a", AckStall), verdict("b", AckStall)];
    assert!(p.offer(1_000, &both).is_empty());
    assert_eq!(p.held(), 1);
    assert!(p.offer(2_000, &[verdict("a", AckStall)]).is_empty());
    assert_eq!(p.held(), 0);
    assert!(p.offer(MIN + 5_000, &[verdict("a", AckStall)]).is_empty());
}

#[test]
fn a_limit_of_zero_still_lets_one_summary_through() {
    let mut p = NotifyPolicy::new(0, MIN);
    let out = p.offer(0, &[verdict("a", AckStall), verdict("b", AckStall)]);
    assert_eq!(ids(&out), ["summary of 2"]);
}

#[test]
fn the_clock_going_backwards_does_not_free_slots() {
    let mut p = NotifyPolicy::new(1, MIN);
    assert_eq!(p.offer(100_000, &[verdict("a", AckStall)]).len(), 1);
    assert!(p
        .offer(0, &[verdict("a", AckStall), verdict("b", AckStall)])
        .is_empty());
    assert_eq!(p.held(), 1);
}
