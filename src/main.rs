//! Inspector Viewer in the browser: everything lives in the library's `ui` module.

fn main() {
    inspector_viewer::ui::run();
}
