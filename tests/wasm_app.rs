//! Components in a real browser: the whole app mounted, fed through its paste box, then the file
//! list, the findings count, the virtualised table, the detail and the facets checked in the DOM.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const RUN: &str = "arn:aws:inspector:us-east-1:111122223333:target/0-aaaaaaaa/template/0-bbbbbbbb/run/0-cccccccc";

fn finding(i: usize, severity: &str, instance: &str) -> String {
    format!(
        r#"{{"arn":"{RUN}/finding/0-{i:08}","id":"CVE-2020-{i:04}","title":"Instance {instance} is vulnerable to CVE-2020-{i:04}",
        "severity":"{severity}","serviceAttributes":{{"schemaVersion":1,"assessmentRunArn":"{RUN}",
        "rulesPackageArn":"arn:aws:inspector:us-east-1:316112463485:rulespackage/0-gEjTy7T7"}},
        "assetAttributes":{{"schemaVersion":1,"agentId":"{instance}"}},"attributes":[],"userAttributes":[],
        "createdAt":1600000000,"updatedAt":1600000000}}"#
    )
}

fn document() -> web_sys::Document {
    web_sys::window().and_then(|w| w.document()).expect("document")
}

fn all(selector: &str) -> Vec<web_sys::Element> {
    let list = document().query_selector_all(selector).expect("selector");
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
        .collect()
}

fn one(selector: &str) -> Option<web_sys::Element> {
    document().query_selector(selector).ok().flatten()
}

async fn until(what: &str, mut ok: impl FnMut() -> bool) {
    for _ in 0..200 {
        if ok() {
            return;
        }
        gloo::timers::future::TimeoutFuture::new(25).await;
    }
    panic!("timed out waiting for {what}");
}

fn click(selector: &str) {
    let el = one(selector).unwrap_or_else(|| panic!("no {selector}"));
    el.dyn_into::<web_sys::HtmlElement>().expect("html element").click();
}

#[wasm_bindgen_test]
async fn the_app_loads_pasted_findings_and_renders_them() {
    // The one rule of static/style.css that virtualisation depends on: a bounded table body.
    let style = document().create_element("style").expect("style");
    style.set_text_content(Some(
        ".grid-body { height: 400px; overflow: auto; position: relative; }",
    ));
    document().head().expect("head").append_child(&style).expect("append");
    let root = document().create_element("div").expect("div");
    document().body().expect("body").append_child(&root).expect("append");
    yew::Renderer::<inspector_viewer::ui::App>::with_root(root).render();
    until("the app", || one("[data-testid=paste-toggle]").is_some()).await;

    // 300 findings: 100 High on i-1, 200 Low on i-2 — more rows than the table renders at once.
    let findings: Vec<String> = (0..300)
        .map(|i| {
            finding(
                i,
                if i % 3 == 0 { "High" } else { "Low" },
                if i % 3 == 0 { "i-1" } else { "i-2" },
            )
        })
        .collect();
    let doc = format!(r#"{{"findings":[{}],"failedItems":{{}}}}"#, findings.join(","));
    click("[data-testid=paste-toggle]");
    until("the paste box", || one("[data-testid=paste-area]").is_some()).await;
    let area = one("[data-testid=paste-area]")
        .unwrap()
        .dyn_into::<web_sys::HtmlTextAreaElement>()
        .unwrap();
    area.set_value(&doc);
    click("[data-testid=paste-load]");

    until("the loaded file", || one("[data-testid=loaded-file]").is_some()).await;
    let file = one("[data-testid=loaded-file]").unwrap();
    assert_eq!(file.get_attribute("data-kind").as_deref(), Some("DescribeFindings"));
    assert_eq!(file.get_attribute("data-records").as_deref(), Some("300"));
    assert_eq!(file.get_attribute("data-errors").as_deref(), Some("0"));
    until("the count", || {
        one("[data-testid=finding-count]")
            .and_then(|c| c.text_content())
            .as_deref()
            == Some("300")
    })
    .await;

    // Only the visible rows exist; the first is High (severity ranks first).
    let rows = all("[data-testid=finding-row]");
    assert!(
        !rows.is_empty() && rows.len() < 100,
        "{} rows rendered for 300 findings",
        rows.len()
    );
    assert!(rows[0].text_content().unwrap_or_default().starts_with("High"));
    let high = one("[data-testid=severity-count][data-severity=High]").unwrap();
    assert_eq!(high.get_attribute("data-count").as_deref(), Some("100"));

    // A facet narrows the table.
    click("[data-testid=facet-value][data-dim=inst][data-value=i-2]");
    until("the filtered count", || {
        one("[data-testid=finding-count]")
            .and_then(|c| c.text_content())
            .as_deref()
            == Some("200")
    })
    .await;
    assert!(all("[data-testid=finding-row]")
        .iter()
        .all(|r| r.text_content().unwrap_or_default().contains("i-2")));

    // A row opens its detail.
    let arn = all("[data-testid=finding-row]")[0].get_attribute("data-arn").unwrap();
    rows_click(&arn);
    until("the detail", || {
        one("[data-testid=finding-detail]")
            .and_then(|d| d.get_attribute("data-arn"))
            .as_deref()
            == Some(arn.as_str())
    })
    .await;
}

fn rows_click(arn: &str) {
    click(&format!("[data-testid=finding-row][data-arn=\"{arn}\"]"));
}
