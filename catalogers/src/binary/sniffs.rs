//! What the layer reader keeps of the files the classifiers read: one
//! [`Sniff`] per magic string, searching only the files its globs name,
//! each keeping a window of a few dozen bytes that starts at the magic and
//! ends where the version text around it does. Most windows are accepted
//! by a *shape*: an anchored regex that is the classifier's pattern from
//! the magic on, so the first window kept is the pattern's first match
//! (syft's rule) and `max_windows` stays 1. The exceptions: the Python
//! version candidates (several `\0 3.x \0` strings precede the right one),
//! the library names an executable needs (`libpython3.11.so.1.0`), Java's
//! launchers (kept whole: a few KiB, and syft's patterns need bytes before
//! any fixed string), Go's `VERSION` file (its first line), marker windows
//! (redis's `payload %5`, the four bytes of an ELF header that say an
//! `erts-*/bin` binary exists) and versions that follow a NUL with no
//! fixed text before them (`\0 7.0.15<host>-<id>`, `\0 10.11.19-MariaDB`:
//! one sniff per leading digit).
//!
//! Two sniffs may share a magic only if their globs never name the same
//! file: the catalog tells windows apart by their first bytes alone.

use std::sync::LazyLock;

use regex::bytes::Regex;

use crate::sniff::{Sniff, Target, WindowLength};

pub const NODE_JS: &[u8] = b"node.js/v";
pub const NODE_OLD: &[u8] = b"\x00v";
pub const NODE_OLD_NAMED: &[u8] = b"\x00node v";
pub const PYTHON3: &[u8] = b"\x003.";
pub const PYTHON2: &[u8] = b"\x002.";
pub const LIBPYTHON: &[u8] = b"libpython";
pub const PYPY: &[u8] = b"[PyPy ";
pub const RUBY: &[u8] = b"ruby ";
pub const LIBRUBY: &[u8] = b"libruby";
pub const PHP: &[u8] = b"X-Powered-By: PHP/";
pub const PERL_PREFIX: &[u8] = b"/usr/local/lib/perl";
pub const PERL_V: &[u8] = b"\x00v5.";
pub const OTP_SRC: &[u8] = b"/src/otp_src_";
pub const OTP_LOCAL_SRC: &[u8] = b"/usr/local/src/otp-";
pub const ELF: &[u8] = b"\x7fELF";
pub const GO1: &[u8] = b"go1.";
pub const RUSTC_PRODUCER: &[u8] = b"\x00clang LLVM (rustc version ";
pub const RUSTUP_RUST: &[u8] = b"\n[pkg.rust]\nversion = \"";
pub const BUSYBOX: &[u8] = b"BusyBox";
pub const OPENSSL: &[u8] = b"\x00OpenSSL ";
pub const CURL: &[u8] = b"curl/";
pub const NGINX_NUL: &[u8] = b"\x00nginx version: ";
pub const NGINX_QUESTION: &[u8] = b"?nginx version: ";
pub const APACHE: &[u8] = b"Apache/";
pub const REDIS_PAYLOAD: &[u8] = b"payload %5";
pub const MYSQL_PATH: &[u8] = b"/mysql-";
pub const PERCONA_PATH: &[u8] = b"/percona-server-";
pub const PXC_PATH: &[u8] = b"/Percona-XtraDB-Cluster-";
pub const MEMCACHED: &[u8] = b"memcached";
pub const POSTGRES_NUL: &[u8] = b"\x00PostgreSQL ";
pub const POSTGRES_QUESTION: &[u8] = b"?PostgreSQL ";
pub const HAPROXY_RELEASED: &[u8] = b"version ";
pub const HAPROXY_OLD: &[u8] = b"HA-Proxy version ";
/// `\0` and a digit: versions with nothing fixed before them.
pub const AFTER_NUL: [&[u8]; 9] = [
    b"\x001", b"\x002", b"\x003", b"\x004", b"\x005", b"\x006", b"\x007", b"\x008", b"\x009",
];

// The files each sniff searches (rooted globs, `*` within one name).
pub const NODE_GLOBS: &[&str] = &["**/node"];
pub const PYTHON_GLOBS: &[&str] = &["**/python*"];
pub const LIBPYTHON_GLOBS: &[&str] = &["**/libpython*.so*"];
const PYTHON_ALL_GLOBS: &[&str] = &["**/python*", "**/libpython*.so*"];
pub const PYPY_GLOBS: &[&str] = &["**/libpypy*.so*"];
/// `ruby` (docker's), `ruby3.1` (Debian's).
pub const RUBY_GLOBS: &[&str] = &["**/ruby", "**/ruby[0-9].[0-9]"];
/// `libruby.so.3.3.6` (docker's), `libruby-3.1.so.3.1.2` (Debian's).
pub const LIBRUBY_GLOBS: &[&str] = &["**/libruby*.so*"];
const RUBY_ALL_GLOBS: &[&str] = &["**/ruby", "**/ruby[0-9].[0-9]", "**/libruby*.so*"];
/// `php`, `php8`, `php82`, `php8.2` (the cataloger filters by name).
pub const PHP_CLI_GLOBS: &[&str] = &["**/php", "**/php[0-9]*"];
pub const PHP_FPM_GLOBS: &[&str] = &["**/php-fpm*"];
pub const PHP_APACHE_GLOBS: &[&str] = &["**/libphp*.so"];
const PHP_ALL_GLOBS: &[&str] = &["**/php", "**/php[0-9]*", "**/php-fpm*", "**/libphp*.so"];
pub const PERL_GLOBS: &[&str] = &["**/perl"];
pub const LIBPERL_GLOBS: &[&str] = &["**/libperl.so*"];
const PERL_ALL_GLOBS: &[&str] = &["**/perl", "**/libperl.so*"];
pub const ERLANG_GLOBS: &[&str] = &["**/erlexec", "**/beam.smp", "**/liberts_internal.a"];
pub const ERTS_GLOBS: &[&str] = &["**/erts-*/bin/erlexec", "**/erts-*/bin/beam.smp"];
pub const GO_GLOBS: &[&str] = &["**/go"];
pub const GO_VERSION_GLOBS: &[&str] = &["**/VERSION"];
pub const LIBSTD_GLOBS: &[&str] = &["**/libstd-????????????????.so"];
pub const RUSTUP_GLOBS: &[&str] = &["**/lib/rustlib/multirust-channel-manifest.toml"];
pub const JAVA_GLOBS: &[&str] = &["**/java"];
pub const JDB_GLOBS: &[&str] = &["**/jdb"];
const JAVA_ALL_GLOBS: &[&str] = &["**/java", "**/jdb"];
pub const BUSYBOX_GLOBS: &[&str] = &["**/busybox"];
pub const OPENSSL_GLOBS: &[&str] = &["**/openssl"];
pub const LIBCRYPTO_GLOBS: &[&str] = &["**/libcrypto.so*"];
const OPENSSL_ALL_GLOBS: &[&str] = &["**/openssl", "**/libcrypto.so*"];
pub const CURL_GLOBS: &[&str] = &["**/curl"];
pub const LIBCURL_GLOBS: &[&str] = &["**/libcurl.so*"];
const CURL_ALL_GLOBS: &[&str] = &["**/curl", "**/libcurl.so*"];
pub const NGINX_GLOBS: &[&str] = &["**/nginx"];
/// `httpd` (docker's), `apache2` (Debian's).
pub const HTTPD_GLOBS: &[&str] = &["**/httpd", "**/apache2"];
pub const REDIS_GLOBS: &[&str] = &["**/redis-server"];
pub const MYSQL_GLOBS: &[&str] = &["**/mysql"];
pub const MARIADB_GLOBS: &[&str] = &["**/mariadb", "**/mysql"];
const AFTER_NUL_GLOBS: &[&str] = &["**/redis-server", "**/mysql", "**/mariadb"];
pub const MEMCACHED_GLOBS: &[&str] = &["**/memcached"];
pub const POSTGRES_GLOBS: &[&str] = &["**/postgres"];
pub const HAPROXY_GLOBS: &[&str] = &["**/haproxy"];

/// Windows are short; these bound a runaway match.
const SHORT: usize = 128;
/// A Java launcher kept whole is a few KiB; anything past this is not one.
const MAX_LAUNCHER: usize = 512 * 1024;

const fn sniff(
    name: &'static str,
    magic: &'static [u8],
    globs: &'static [&'static str],
    length: fn(&[u8]) -> WindowLength,
) -> Sniff {
    Sniff {
        name,
        magic,
        align: 1,
        within: u64::MAX,
        max_window: SHORT,
        length,
        target: Target::Paths(globs),
        max_windows: 1,
    }
}

/// A sniff of the file's first bytes only.
const fn at_start(sniff: Sniff, max_window: usize) -> Sniff {
    Sniff {
        within: 1,
        max_window,
        ..sniff
    }
}

const fn keeping(sniff: Sniff, max_windows: usize) -> Sniff {
    Sniff {
        max_windows,
        ..sniff
    }
}

/// Every sniff of the binary classifiers.
pub const SNIFFS: &[Sniff] = &[
    sniff("binary-node-js", NODE_JS, NODE_GLOBS, node_js),
    sniff("binary-node-old", NODE_OLD, NODE_GLOBS, node_old),
    sniff(
        "binary-node-old-named",
        NODE_OLD_NAMED,
        NODE_GLOBS,
        node_old_shape,
    ),
    keeping(
        sniff("binary-python3", PYTHON3, PYTHON_ALL_GLOBS, python),
        32,
    ),
    keeping(
        sniff("binary-python2", PYTHON2, PYTHON_ALL_GLOBS, python),
        32,
    ),
    keeping(
        sniff("binary-python-needs", LIBPYTHON, PYTHON_GLOBS, libpython),
        2,
    ),
    sniff("binary-pypy", PYPY, PYPY_GLOBS, pypy),
    sniff("binary-ruby", RUBY, RUBY_ALL_GLOBS, ruby),
    keeping(sniff("binary-ruby-needs", LIBRUBY, RUBY_GLOBS, libruby), 2),
    sniff("binary-php", PHP, PHP_ALL_GLOBS, php),
    sniff(
        "binary-perl-prefix",
        PERL_PREFIX,
        PERL_ALL_GLOBS,
        perl_prefix,
    ),
    sniff("binary-perl-v", PERL_V, PERL_ALL_GLOBS, perl_v),
    sniff("binary-otp-src", OTP_SRC, ERLANG_GLOBS, otp_src),
    sniff(
        "binary-otp-local-src",
        OTP_LOCAL_SRC,
        ERLANG_GLOBS,
        otp_local_src,
    ),
    at_start(sniff("binary-erts", ELF, ERTS_GLOBS, elf_marker), 4),
    sniff("binary-go", GO1, GO_GLOBS, go_binary),
    at_start(
        sniff(
            "binary-go-version-file",
            GO1,
            GO_VERSION_GLOBS,
            go_version_file,
        ),
        64,
    ),
    sniff(
        "binary-rust-libstd",
        RUSTC_PRODUCER,
        LIBSTD_GLOBS,
        rustc_producer,
    ),
    sniff(
        "binary-rustup-manifest",
        RUSTUP_RUST,
        RUSTUP_GLOBS,
        rustup_rust,
    ),
    at_start(
        sniff("binary-java-launcher", ELF, JAVA_ALL_GLOBS, elf_whole),
        MAX_LAUNCHER,
    ),
    sniff("binary-busybox", BUSYBOX, BUSYBOX_GLOBS, busybox),
    sniff("binary-openssl", OPENSSL, OPENSSL_ALL_GLOBS, openssl),
    sniff("binary-curl", CURL, CURL_ALL_GLOBS, curl),
    sniff("binary-nginx-nul", NGINX_NUL, NGINX_GLOBS, nginx),
    sniff("binary-nginx-question", NGINX_QUESTION, NGINX_GLOBS, nginx),
    sniff("binary-httpd", APACHE, HTTPD_GLOBS, apache),
    sniff(
        "binary-redis-payload",
        REDIS_PAYLOAD,
        REDIS_GLOBS,
        redis_payload,
    ),
    after_nul("binary-after-nul-1", 0),
    after_nul("binary-after-nul-2", 1),
    after_nul("binary-after-nul-3", 2),
    after_nul("binary-after-nul-4", 3),
    after_nul("binary-after-nul-5", 4),
    after_nul("binary-after-nul-6", 5),
    after_nul("binary-after-nul-7", 6),
    after_nul("binary-after-nul-8", 7),
    after_nul("binary-after-nul-9", 8),
    sniff("binary-mysql-path", MYSQL_PATH, MYSQL_GLOBS, mysql_path),
    sniff(
        "binary-percona-path",
        PERCONA_PATH,
        MYSQL_GLOBS,
        percona_path,
    ),
    sniff("binary-pxc-path", PXC_PATH, MYSQL_GLOBS, pxc_path),
    sniff("binary-memcached", MEMCACHED, MEMCACHED_GLOBS, memcached),
    sniff(
        "binary-postgres-nul",
        POSTGRES_NUL,
        POSTGRES_GLOBS,
        postgres,
    ),
    sniff(
        "binary-postgres-question",
        POSTGRES_QUESTION,
        POSTGRES_GLOBS,
        postgres,
    ),
    keeping(
        sniff(
            "binary-haproxy-released",
            HAPROXY_RELEASED,
            HAPROXY_GLOBS,
            haproxy_released,
        ),
        2,
    ),
    sniff(
        "binary-haproxy-old",
        HAPROXY_OLD,
        HAPROXY_GLOBS,
        haproxy_old,
    ),
];

/// `\0` + a digit, for redis's build id and MariaDB's or MySQL's version:
/// up to four windows each (redis's, and a client's two strings).
const fn after_nul(name: &'static str, digit: usize) -> Sniff {
    keeping(
        sniff(name, AFTER_NUL[digit], AFTER_NUL_GLOBS, after_nul_version),
        4,
    )
}

/// The regex of a shape, anchored at the window's start (bytes, ASCII classes).
fn anchored(shape: &str) -> Option<Regex> {
    Regex::new(&format!(r"(?-u)\A(?:{shape})")).ok()
}

/// The window `shape` matches at the start of `window`; undecided while the
/// match reaches the end of the bytes seen (it might go on), or no match
/// was found (more bytes might make one; the reader gives up at the sniff's
/// `max_window` or the end of the file).
fn by_shape(shape: Option<&Regex>, window: &[u8]) -> WindowLength {
    let Some(shape) = shape else {
        return WindowLength::Reject;
    };
    match shape.find(window) {
        Some(m) if m.end() < window.len() => WindowLength::Total(m.end()),
        _ => WindowLength::NeedMore,
    }
}

/// A length function accepting the windows a shape (regex source) matches.
macro_rules! shaped {
    ($name:ident, $shape:expr) => {
        fn $name(window: &[u8]) -> WindowLength {
            static SHAPE: LazyLock<Option<Regex>> = LazyLock::new(|| anchored($shape));
            by_shape(SHAPE.as_ref(), window)
        }
    };
}

shaped!(node_js, r"node\.js/v[0-9]+\.[0-9]+\.[0-9]+");
shaped!(node_old_shape, r"\x00(node )?v[0456]\.[0-9]+\.[0-9]+\x00");

/// `\0v` is common in a node binary (50 805 times in node 24's): only
/// those followed by an old major version are worth a regex.
fn node_old(window: &[u8]) -> WindowLength {
    match window.get(NODE_OLD.len()) {
        None => WindowLength::NeedMore,
        Some(b'0' | b'4' | b'5' | b'6') => node_old_shape(window),
        Some(_) => WindowLength::Reject,
    }
}
shaped!(python, r"\x00[23]\.[-._a-zA-Z0-9]*\x00");
shaped!(
    libpython,
    r"libpython[0-9]+(\.[0-9]+)+[a-z]?\.so[^\x00]*\x00"
);
shaped!(pypy, r"\[PyPy [0-9]+\.[0-9]+\.[0-9]+");
shaped!(
    ruby,
    r"ruby [0-9]+\.[0-9]+\.[0-9]+((p|preview|rc|dev)[0-9]*)? "
);
shaped!(libruby, r"libruby(-[0-9]+\.[0-9]+)?\.so[^\x00]*\x00");
shaped!(
    php,
    r"X-Powered-By: PHP/[0-9]+\.[0-9]+\.[0-9]+(beta[0-9]+|alpha[0-9]+|RC[0-9]+)?"
);
shaped!(
    perl_prefix,
    r"/usr/local/lib/perl[0-9]/[0-9]+\.[0-9]+\.[0-9]+"
);
shaped!(perl_v, r"\x00v5\.[0-9]+\.[0-9]+\x00");
shaped!(
    otp_src,
    r"/src/otp_src_[0-9]+\.[0-9]+(\.[0-9]+){0,2}(-rc[0-9])?/erts/"
);
shaped!(
    otp_local_src,
    r"/usr/local/src/otp-[0-9]+\.[0-9]+(\.[0-9]+){0,2}(-rc[0-9])?/erts/"
);
shaped!(
    go_binary,
    r"go[0-9]+\.[0-9]+(\.[0-9]+|beta[0-9]+|alpha[0-9]+|rc[0-9]+)?\x00"
);
shaped!(
    rustc_producer,
    r"\x00clang LLVM \(rustc version [0-9]+(\.[0-9]+)?(\.[0-9]+) \([0-9A-Za-z_]+ [0-9]{4}-[0-9]{2}-[0-9]{2}\)"
);
shaped!(rustup_rust, r#"\n\[pkg\.rust\]\nversion = "[^"\n]*""#);
shaped!(busybox, r"BusyBox[\t\n\f\r ]+v[0-9]+\.[0-9]+\.[0-9]+");
shaped!(
    openssl,
    r"\x00OpenSSL [0-9]+\.[0-9]+\.[0-9]+([a-z]|-alpha[0-9]|-beta[0-9]|-rc[0-9])?"
);
shaped!(curl, r"curl/[0-9]+\.[0-9]+\.[0-9]+");
shaped!(
    nginx,
    r"(\x00|\?)nginx version: [^/]+/[0-9]+\.[0-9]+\.[0-9]+(\+[0-9]+)?(-[0-9]+)?"
);
shaped!(apache, r"Apache/[0-9]+\.[0-9]+\.[0-9]+");
// redis's build id (`7.0.14buildkitsandbox-1702957741000000000`: version,
// host name, 19 digits), a MySQL client's version before its `mysql_*`
// names, MariaDB's `10.11.19-MariaDB`.
shaped!(
    after_nul_version,
    r"\x00([0-9].[0-9]\.[0-9][0-9]*[a-z0-9]{12,15}-[0-9]{19}\x00|[0-9]+(\.[0-9]+)?(\.[0-9]+)?(alpha[0-9]|beta[0-9]|rc[0-9])?(\x00+mysql|-MariaDB))"
);
shaped!(
    mysql_path,
    r"/mysql-[0-9]+(\.[0-9]+)?(\.[0-9]+)?(alpha[0-9]|beta[0-9]|rc[0-9])?"
);
shaped!(
    percona_path,
    r"/percona-server-[0-9]+(\.[0-9]+)?(\.[0-9]+)?(alpha[0-9]|beta[0-9]|rc[0-9])?"
);
shaped!(
    pxc_path,
    r"/Percona-XtraDB-Cluster-[0-9]+(\.[0-9]+)?(\.[0-9]+)?(alpha[0-9]|beta[0-9]|rc[0-9])?"
);
shaped!(memcached, r"memcached[\t\n\f\r ][0-9]+\.[0-9]+\.[0-9]+");
shaped!(
    postgres,
    r"(\x00|\?)PostgreSQL [0-9]+(\.[0-9]+)?(\.[0-9]+)?(alpha[0-9]|beta[0-9]|rc[0-9])?"
);
// syft's `(-[a-z0-9]{7})?` (a git hash) or a distribution's revision
// (`-1+deb12u4`).
shaped!(
    haproxy_released,
    r"version [0-9]+\.[0-9]+(\.|-dev|-rc)[0-9]+(-[0-9A-Za-z.+~]{1,40})?, released 20"
);
shaped!(
    haproxy_old,
    r"HA-Proxy version [0-9]+\.[0-9]+(\.|-dev)[0-9]+"
);

/// Go's `VERSION` file: its first word, at the file's start. What is seen
/// there is the whole file (or its first `max_window` bytes), so a version
/// that ends the file is complete.
fn go_version_file(window: &[u8]) -> WindowLength {
    static SHAPE: LazyLock<Option<Regex>> = LazyLock::new(|| {
        anchored(r"go[0-9]+\.[0-9]+(\.[0-9]+|beta[0-9]+|alpha[0-9]+|rc[0-9]+)?([\t\n\r ]|\z)")
    });
    match SHAPE.as_ref().and_then(|shape| shape.find(window)) {
        Some(m) => WindowLength::Total(m.end()),
        None => WindowLength::Reject,
    }
}

/// The ELF magic alone: the file is there (and an ELF file).
fn elf_marker(_window: &[u8]) -> WindowLength {
    WindowLength::Total(ELF.len())
}

/// redis's `payload %5` alone: its patterns need it before or after the id.
fn redis_payload(_window: &[u8]) -> WindowLength {
    WindowLength::Total(REDIS_PAYLOAD.len())
}

/// A whole ELF file, from its header: the section header table ends it
/// (where linkers put it), else the program headers do.
fn elf_whole(window: &[u8]) -> WindowLength {
    match elf_size(window) {
        Some(Ok(size)) => WindowLength::Total(size),
        Some(Err(())) => WindowLength::Reject,
        None => WindowLength::NeedMore,
    }
}

/// The size an ELF header says its file has: `None` until the header is
/// in, `Err` when it is no ELF header.
pub fn elf_size(header: &[u8]) -> Option<Result<usize, ()>> {
    let (wide, little) = match (header.get(4), header.get(5)) {
        (Some(1), Some(1)) => (false, true),
        (Some(1), Some(2)) => (false, false),
        (Some(2), Some(1)) => (true, true),
        (Some(2), Some(2)) => (true, false),
        (Some(_), Some(_)) => return Some(Err(())),
        _ => return None,
    };
    let header_size = if wide { 64 } else { 52 };
    if header.len() < header_size {
        return None;
    }
    let number = |at: usize, size: usize| -> u64 {
        let bytes = &header[at..at + size];
        let fold = |n: u64, &b: &u8| (n << 8) | u64::from(b);
        if little {
            bytes.iter().rev().fold(0, fold)
        } else {
            bytes.iter().fold(0, fold)
        }
    };
    // e_phoff, e_shoff; e_phentsize, e_phnum, e_shentsize, e_shnum.
    let (phoff, shoff, at) = if wide {
        (number(0x20, 8), number(0x28, 8), 0x36)
    } else {
        (number(0x1c, 4), number(0x20, 4), 0x2a)
    };
    let table_end = |offset: u64, entry: u64, count: u64| {
        entry
            .checked_mul(count)
            .and_then(|size| size.checked_add(offset))
    };
    let programs = table_end(phoff, number(at, 2), number(at + 2, 2));
    let sections = table_end(shoff, number(at + 4, 2), number(at + 6, 2));
    let size = match (programs, sections) {
        (Some(p), Some(s)) => p.max(s).max(header_size as u64),
        _ => return Some(Err(())),
    };
    Some(usize::try_from(size).map_err(|_| ()))
}
