//! Progress on a terminal with `indicatif`: for a scan, one bar over the
//! stored bytes of the layers, with layers read and, at the end, packages
//! found; for a copy, one bar over the blob bytes moved. Drawn only when
//! standard error is a terminal and `-q` is not given, so pipelines and CI
//! logs get nothing extra.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use indicatif::{HumanBytes, ProgressBar, ProgressDrawTarget, ProgressStyle};
use tallyman::copy::CopyProgress;
use tallyman::scan::Progress;

/// The bar, when there is a terminal to draw it on.
pub fn for_terminal(quiet: bool) -> Option<Arc<dyn Progress>> {
    if quiet || !std::io::stderr().is_terminal() {
        return None;
    }
    Some(Arc::new(Bar::new(ProgressDrawTarget::stderr())))
}

/// A copy's bar over the blob bytes to move, drawn once the plan is made
/// (when there is a terminal); taken away when dropped.
pub struct CopyBar {
    bar: Option<ProgressBar>,
}

impl CopyBar {
    pub fn new(quiet: bool) -> CopyBar {
        CopyBar {
            bar: (!quiet && std::io::stderr().is_terminal()).then(|| {
                let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
                bar.set_style(
                    ProgressStyle::with_template(
                        "{spinner} copying {wide_bar} {bytes}/{total_bytes} ({bytes_per_sec})",
                    )
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
                );
                bar
            }),
        }
    }
}

impl CopyProgress for CopyBar {
    fn planned(&self, blob_bytes: u64) {
        if let Some(bar) = &self.bar {
            bar.set_length(blob_bytes);
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
        }
    }

    fn moved(&self, n: u64) {
        if let Some(bar) = &self.bar {
            bar.inc(n);
        }
    }
}

impl Drop for CopyBar {
    fn drop(&mut self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

struct Bar {
    bar: ProgressBar,
    layers: AtomicUsize,
    done: AtomicUsize,
}

impl Bar {
    fn new(target: ProgressDrawTarget) -> Bar {
        let bar = ProgressBar::with_draw_target(None, target);
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} reading layers {msg} {wide_bar} {bytes}/{total_bytes} ({bytes_per_sec})",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        Bar {
            bar,
            layers: AtomicUsize::new(0),
            done: AtomicUsize::new(0),
        }
    }

    fn show_layers(&self) {
        self.bar.set_message(format!(
            "{}/{}",
            self.done.load(Ordering::Relaxed),
            self.layers.load(Ordering::Relaxed)
        ));
    }
}

impl Progress for Bar {
    fn start(&self, layers: usize, bytes: u64) {
        self.layers.store(layers, Ordering::Relaxed);
        if bytes > 0 {
            self.bar.set_length(bytes);
        }
        self.show_layers();
    }

    fn bytes(&self, n: u64) {
        self.bar.inc(n);
    }

    fn layer_done(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
        self.show_layers();
    }

    fn packages(&self, count: usize) {
        let layers = self.layers.load(Ordering::Relaxed);
        self.bar.finish_and_clear();
        eprintln!(
            "✔ read {layers} layer{} ({}), found {count} package{}",
            if layers == 1 { "" } else { "s" },
            HumanBytes(self.bar.position()),
            if count == 1 { "" } else { "s" },
        );
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        // A failed scan: take the bar away before the error line.
        self.bar.finish_and_clear();
    }
}
