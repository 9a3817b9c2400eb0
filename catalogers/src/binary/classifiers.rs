//! The classifiers: which files (rooted globs over the file's real path),
//! how their version is found, and the package they make — name, purl and
//! CPEs as syft 1.18.1 writes them (`syft/pkg/cataloger/binary/classifiers.go`),
//! in syft's order (the first classifier to find a package names it in the
//! metadata). Patterns are syft's, verbatim, run over bytes with ASCII
//! classes; they see the windows [`super::sniffs`] kept, not the whole
//! file. Classifiers syft lacks (marked "tallyman") keep syft's names, purls
//! and CPEs for the same software, so downstream matching stays the same.
//!
//! Not here: traefik, consul, vault and other Go servers (the Go cataloger
//! reports them from their build information: one package, not two),
//! .NET runtimes (the .NET cataloger), and the Go standard library (the Go
//! cataloger reports `stdlib` from the `go` binary; this table only the
//! `go` toolchain package).

use super::sniffs::{self as s, AFTER_NUL};

/// One rule: files, how to read their version, and the package.
#[derive(Debug)]
pub struct Classifier {
    /// syft's class (`python-binary`), kept in the metadata.
    pub class: &'static str,
    pub package: &'static str,
    /// The purl before `@<version>`.
    pub purl: &'static str,
    /// CPE 2.3 names with `*` where the version goes.
    pub cpes: &'static [&'static str],
    /// Rooted globs of the files (real paths) it reads.
    pub globs: &'static [&'static str],
    pub matcher: Matcher,
}

/// How a file gives a version (syft's evidence matchers).
#[derive(Debug)]
pub enum Matcher {
    /// The first match of `pattern` whose `version` group is not empty, in
    /// the windows that start with one of `magics`, each window alone, in
    /// file order.
    Windows {
        magics: &'static [&'static [u8]],
        pattern: &'static str,
    },
    /// The same over those windows joined in file order (a pattern that
    /// spans two windows with anything between: redis).
    Joined {
        magics: &'static [&'static [u8]],
        pattern: &'static str,
    },
    /// Python's: the file's name (`python3.11`, `libpython3.11.so.1.0`, as
    /// the `version` group of `name`) gives the version's start, which a
    /// NUL-delimited string of `[-._a-zA-Z0-9]` in the `magics` windows
    /// must begin with (syft's `\x00(?P<version>3\.11[-._a-zA-Z0-9]*)\x00`).
    FileName {
        name: &'static str,
        magics: &'static [&'static [u8]],
    },
    /// Only for files whose path `name` matches.
    Named {
        name: &'static str,
        matcher: &'static Matcher,
    },
    /// A shared library the executable needs (a name in its `magic`
    /// windows that `name` matches), found anywhere in the image by its
    /// file name and read with `library`: the executable is the first
    /// location, the library the next.
    Library {
        magic: &'static [u8],
        name: &'static str,
        library: &'static Matcher,
    },
    /// The first of these that finds something.
    FirstOf(&'static [Matcher]),
    /// `matcher`, unless `pattern` matches one of the `magics` windows.
    Excluding {
        matcher: &'static Matcher,
        magics: &'static [&'static [u8]],
        pattern: &'static str,
    },
    /// Erlang/OTP's `releases/<major>/OTP_VERSION` (a whole file) and the
    /// `erts-*/bin/{erlexec,beam.smp}` of the same installation, which
    /// must exist; they come first.
    OtpRelease { pattern: &'static str },
}

const PYTHON_MAGICS: &[&[u8]] = &[s::PYTHON3, s::PYTHON2];
const LIBPYTHON: Matcher = Matcher::FileName {
    name: r"(?:.*/|^)libpython(?P<version>[0-9]+(?:\.[0-9]+)+)[a-z]?\.so.*$",
    magics: PYTHON_MAGICS,
};
const PYTHON_CPES: &[&str] = &[
    "cpe:2.3:a:python_software_foundation:python:*:*:*:*:*:*:*:*",
    "cpe:2.3:a:python:python:*:*:*:*:*:*:*:*",
];

const RUBY: Matcher = Matcher::Windows {
    magics: &[s::RUBY],
    pattern: r"(?m)ruby (?P<version>[0-9]+\.[0-9]+\.[0-9]+((p|preview|rc|dev)[0-9]*)?) ",
};
const RUBY_CPES: &[&str] = &["cpe:2.3:a:ruby-lang:ruby:*:*:*:*:*:*:*:*"];

const PHP: Matcher = Matcher::Windows {
    magics: &[s::PHP],
    pattern: r"(?m)X-Powered-By: PHP\/(?P<version>[0-9]+\.[0-9]+\.[0-9]+(beta[0-9]+|alpha[0-9]+|RC[0-9]+)?)",
};
const PHP_CPES: &[&str] = &["cpe:2.3:a:php:php:*:*:*:*:*:*:*:*"];

const PERL: Matcher = Matcher::FirstOf(&[
    Matcher::Windows {
        magics: &[s::PERL_PREFIX],
        pattern: r"(?m)\/usr\/local\/lib\/perl\d\/(?P<version>[0-9]+\.[0-9]+\.[0-9]+)",
    },
    Matcher::Windows {
        magics: &[s::PERL_V],
        pattern: r"\x00v(?P<version>5\.[0-9]+\.[0-9]+)\x00",
    },
]);
const PERL_CPES: &[&str] = &["cpe:2.3:a:perl:perl:*:*:*:*:*:*:*:*"];

const ERLANG: Matcher = Matcher::FirstOf(&[
    Matcher::Windows {
        magics: &[s::OTP_SRC],
        pattern: r"(?m)/src/otp_src_(?P<version>[0-9]+\.[0-9]+(\.[0-9]+){0,2}(-rc[0-9])?)/erts/",
    },
    Matcher::Windows {
        magics: &[s::OTP_LOCAL_SRC],
        pattern: r"(?m)/usr/local/src/otp-(?P<version>[0-9]+\.[0-9]+(\.[0-9]+){0,2}(-rc[0-9])?)/erts/",
    },
]);
const ERLANG_CPES: &[&str] = &["cpe:2.3:a:erlang:erlang\\/otp:*:*:*:*:*:*:*:*"];

const GO_CPES: &[&str] = &["cpe:2.3:a:golang:go:*:*:*:*:*:*:*:*"];
const RUST_CPES: &[&str] = &["cpe:2.3:a:rust-lang:rust:*:*:*:*:*:*:*:*"];
const OPENSSL: Matcher = Matcher::Windows {
    magics: &[s::OPENSSL],
    pattern: r"\x00OpenSSL (?P<version>[0-9]+\.[0-9]+\.[0-9]+([a-z]|-alpha[0-9]|-beta[0-9]|-rc[0-9])?)",
};
const OPENSSL_CPES: &[&str] = &["cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*"];
const CURL: Matcher = Matcher::Windows {
    magics: &[s::CURL],
    pattern: r"curl/(?P<version>[0-9]+\.[0-9]+\.[0-9]+)",
};

const JAVA: &[&[u8]] = &[s::ELF];
const REDIS: &[&[u8]] = &[
    s::REDIS_PAYLOAD,
    AFTER_NUL[0],
    AFTER_NUL[1],
    AFTER_NUL[2],
    AFTER_NUL[3],
    AFTER_NUL[4],
    AFTER_NUL[5],
    AFTER_NUL[6],
    AFTER_NUL[7],
    AFTER_NUL[8],
];
const ORACLE_MYSQL_CPES: &[&str] = &["cpe:2.3:a:oracle:mysql:*:*:*:*:*:*:*:*"];

/// Every classifier, in the order they are tried.
pub const CLASSIFIERS: &[Classifier] = &[
    Classifier {
        class: "python-binary",
        package: "python",
        purl: "pkg:generic/python",
        cpes: PYTHON_CPES,
        globs: s::PYTHON_GLOBS,
        matcher: Matcher::FirstOf(&[
            Matcher::Library {
                magic: s::LIBPYTHON,
                name: r"^libpython[0-9]+(?:\.[0-9]+)+[a-z]?\.so.*$",
                library: &LIBPYTHON,
            },
            Matcher::FileName {
                name: r"(?:.*/|^)python(?P<version>[0-9]+(?:\.[0-9]+)+)$",
                magics: PYTHON_MAGICS,
            },
        ]),
    },
    Classifier {
        class: "python-binary-lib",
        package: "python",
        purl: "pkg:generic/python",
        cpes: PYTHON_CPES,
        globs: s::LIBPYTHON_GLOBS,
        matcher: LIBPYTHON,
    },
    Classifier {
        class: "pypy-binary-lib",
        package: "pypy",
        purl: "pkg:generic/pypy",
        cpes: &[],
        globs: s::PYPY_GLOBS,
        matcher: Matcher::Windows {
            magics: &[s::PYPY],
            pattern: r"(?m)\[PyPy (?P<version>[0-9]+\.[0-9]+\.[0-9]+)",
        },
    },
    Classifier {
        class: "go-binary",
        package: "go",
        purl: "pkg:generic/go",
        cpes: GO_CPES,
        globs: s::GO_GLOBS,
        matcher: Matcher::Windows {
            magics: &[s::GO1],
            pattern: r"(?m)go(?P<version>[0-9]+\.[0-9]+(\.[0-9]+|beta[0-9]+|alpha[0-9]+|rc[0-9]+)?)\x00",
        },
    },
    Classifier {
        class: "redis-binary",
        package: "redis",
        purl: "pkg:generic/redis",
        cpes: &[
            "cpe:2.3:a:redislabs:redis:*:*:*:*:*:*:*:*",
            "cpe:2.3:a:redis:redis:*:*:*:*:*:*:*:*",
        ],
        globs: s::REDIS_GLOBS,
        matcher: Matcher::FirstOf(&[
            Matcher::Joined {
                magics: REDIS,
                pattern: r"(?s)payload %5.*?(?P<version>\d.\d\.\d\d*)[a-z0-9]{12,15}-[0-9]{19}",
            },
            Matcher::Joined {
                magics: REDIS,
                pattern: r"(?s)\x00(?P<version>\d.\d\.\d\d*)[a-z0-9]{12,15}-[0-9]{19}\x00.*?payload %5",
            },
        ]),
    },
    Classifier {
        class: "java-binary-openjdk",
        package: "java/jre",
        purl: "pkg:generic/java/jre",
        cpes: &["cpe:2.3:a:oracle:openjdk:*:*:*:*:*:*:*:*"],
        globs: s::JAVA_GLOBS,
        matcher: Matcher::Excluding {
            matcher: &Matcher::FirstOf(&[
                Matcher::Windows {
                    magics: JAVA,
                    pattern: r"(?m)\x00openjdk\x00java\x00(?P<release>[0-9]+[.0-9]*)\x00(?P<version>[0-9]+[^\x00]+)\x00",
                },
                Matcher::Windows {
                    magics: JAVA,
                    pattern: r"(?m)\x00(?P<release>[0-9]+[.0-9]*)\x00+(?P<version>[0-9]+[^\x00]+)\x00+openjdk\x00java",
                },
            ]),
            magics: JAVA,
            pattern: "-jvmci-",
        },
    },
    Classifier {
        class: "java-binary-ibm",
        package: "java/jre",
        purl: "pkg:generic/java/jre",
        cpes: &["cpe:2.3:a:ibm:java:*:*:*:*:*:*:*:*"],
        globs: s::JAVA_GLOBS,
        matcher: Matcher::Windows {
            magics: JAVA,
            pattern: r"(?m)\x00java\x00(?P<release>[0-9]+[.0-9]+)\x00{4}(?P<version>[0-9]+[-._a-zA-Z0-9]+)\x00",
        },
    },
    Classifier {
        class: "java-binary-oracle",
        package: "java/jre",
        purl: "pkg:generic/java/jre",
        cpes: &["cpe:2.3:a:oracle:jre:*:*:*:*:*:*:*:*"],
        globs: s::JAVA_GLOBS,
        matcher: Matcher::Excluding {
            matcher: &Matcher::Windows {
                magics: JAVA,
                pattern: r"(?m)\x00(?P<version>[0-9]+[.0-9]+[+][-0-9]+)\x00",
            },
            magics: JAVA,
            pattern: r"\x00openjdk\x00",
        },
    },
    Classifier {
        class: "java-binary-graalvm",
        package: "java/graalvm",
        purl: "pkg:generic/java/graalvm",
        cpes: &["cpe:2.3:a:oracle:graalvm:*:*:*:*:*:*:*:*"],
        globs: s::JAVA_GLOBS,
        matcher: Matcher::Windows {
            magics: JAVA,
            pattern: r"(?m)\x00(?P<version>[0-9]+[.0-9]+[.0-9]+\+[0-9]+-jvmci-[0-9]+[.0-9]+-b[0-9]+)\x00",
        },
    },
    Classifier {
        class: "java-binary-jdk",
        package: "java/jdk",
        purl: "pkg:generic/java/jdk",
        cpes: &["cpe:2.3:a:oracle:jdk:*:*:*:*:*:*:*:*"],
        globs: s::JDB_GLOBS,
        matcher: Matcher::Windows {
            magics: JAVA,
            pattern: r"(?m)\x00(?P<version>[0-9]+\.[0-9]+\.[0-9]+(\+[0-9]+)?([-._a-zA-Z0-9]+)?)\x00",
        },
    },
    Classifier {
        class: "nodejs-binary",
        package: "node",
        purl: "pkg:generic/node",
        cpes: &["cpe:2.3:a:nodejs:node.js:*:*:*:*:*:*:*:*"],
        globs: s::NODE_GLOBS,
        matcher: Matcher::FirstOf(&[
            Matcher::Windows {
                magics: &[s::NODE_OLD, s::NODE_OLD_NAMED],
                pattern: r"(?m)\x00(node )?v(?P<version>(0|4|5|6)\.[0-9]+\.[0-9]+)\x00",
            },
            Matcher::Windows {
                magics: &[s::NODE_JS],
                pattern: r"(?m)node\.js\/v(?P<version>[0-9]+\.[0-9]+\.[0-9]+)",
            },
        ]),
    },
    // syft reads any `VERSION` file with `goX.Y` anywhere in it; only Go's
    // own (`goX.Y.Z` first) is sniffed here.
    Classifier {
        class: "go-binary-hint",
        package: "go",
        purl: "pkg:generic/go",
        cpes: GO_CPES,
        globs: s::GO_VERSION_GLOBS,
        matcher: Matcher::Windows {
            magics: &[s::GO1],
            pattern: r"(?m)go(?P<version>[0-9]+\.[0-9]+(\.[0-9]+|beta[0-9]+|alpha[0-9]+|rc[0-9]+)?)",
        },
    },
    Classifier {
        class: "busybox-binary",
        package: "busybox",
        purl: "pkg:generic/busybox",
        cpes: &["cpe:2.3:a:busybox:busybox:*:*:*:*:*:*:*:*"],
        globs: s::BUSYBOX_GLOBS,
        matcher: Matcher::Windows {
            magics: &[s::BUSYBOX],
            pattern: r"(?m)BusyBox\s+v(?P<version>[0-9]+\.[0-9]+\.[0-9]+)",
        },
    },
    // syft's third pattern (a version before `HAProxy version`, far from
    // any fixed text) is not sniffed; the first finds those builds too.
    // tallyman: a distribution's revision (`2.6.12-1+deb12u4`) last.
    Classifier {
        class: "haproxy-binary",
        package: "haproxy",
        purl: "pkg:generic/haproxy",
        cpes: &["cpe:2.3:a:haproxy:haproxy:*:*:*:*:*:*:*:*"],
        globs: s::HAPROXY_GLOBS,
        matcher: Matcher::FirstOf(&[
            Matcher::Windows {
                magics: &[s::HAPROXY_RELEASED],
                pattern: r"(?m)version (?P<version>[0-9]+\.[0-9]+(\.|-dev|-rc)[0-9]+)(-[a-z0-9]{7})?, released 20",
            },
            Matcher::Windows {
                magics: &[s::HAPROXY_OLD],
                pattern: r"(?m)HA-Proxy version (?P<version>[0-9]+\.[0-9]+(\.|-dev)[0-9]+)",
            },
            Matcher::Windows {
                magics: &[s::HAPROXY_RELEASED],
                pattern: r"version (?P<version>[0-9]+\.[0-9]+(\.|-dev|-rc)[0-9]+)-[0-9A-Za-z.+~]+, released 20",
            },
        ]),
    },
    // tallyman: also perl's own `v5.36.0` (`$^V`), for perls not under
    // /usr/local (Debian's).
    Classifier {
        class: "perl-binary",
        package: "perl",
        purl: "pkg:generic/perl",
        cpes: PERL_CPES,
        globs: s::PERL_GLOBS,
        matcher: PERL,
    },
    // tallyman: the library (`-Duseshrplib`, as docker's perl is built).
    Classifier {
        class: "perl-binary-lib",
        package: "perl",
        purl: "pkg:generic/perl",
        cpes: PERL_CPES,
        globs: s::LIBPERL_GLOBS,
        matcher: PERL,
    },
    // tallyman: also Debian's `php8.2`.
    Classifier {
        class: "php-cli-binary",
        package: "php-cli",
        purl: "pkg:generic/php-cli",
        cpes: PHP_CPES,
        globs: s::PHP_CLI_GLOBS,
        matcher: Matcher::Named {
            name: r"(.*/|^)php([0-9]*|[0-9]+\.[0-9]+)$",
            matcher: &PHP,
        },
    },
    Classifier {
        class: "php-fpm-binary",
        package: "php-fpm",
        purl: "pkg:generic/php-fpm",
        cpes: PHP_CPES,
        globs: s::PHP_FPM_GLOBS,
        matcher: PHP,
    },
    Classifier {
        class: "php-apache-binary",
        package: "libphp",
        purl: "pkg:generic/php",
        cpes: PHP_CPES,
        globs: s::PHP_APACHE_GLOBS,
        matcher: PHP,
    },
    // tallyman: also Debian's `apache2`.
    Classifier {
        class: "httpd-binary",
        package: "httpd",
        purl: "pkg:generic/httpd",
        cpes: &["cpe:2.3:a:apache:http_server:*:*:*:*:*:*:*:*"],
        globs: s::HTTPD_GLOBS,
        matcher: Matcher::Windows {
            magics: &[s::APACHE],
            pattern: r"(?m)Apache\/(?P<version>[0-9]+\.[0-9]+\.[0-9]+)",
        },
    },
    Classifier {
        class: "memcached-binary",
        package: "memcached",
        purl: "pkg:generic/memcached",
        cpes: &["cpe:2.3:a:memcached:memcached:*:*:*:*:*:*:*:*"],
        globs: s::MEMCACHED_GLOBS,
        matcher: Matcher::Windows {
            magics: &[s::MEMCACHED],
            pattern: r"(?m)memcached\s(?P<version>[0-9]+\.[0-9]+\.[0-9]+)",
        },
    },
    Classifier {
        class: "postgresql-binary",
        package: "postgresql",
        purl: "pkg:generic/postgresql",
        cpes: &["cpe:2.3:a:postgresql:postgresql:*:*:*:*:*:*:*:*"],
        globs: s::POSTGRES_GLOBS,
        matcher: Matcher::Windows {
            magics: &[s::POSTGRES_NUL, s::POSTGRES_QUESTION],
            pattern: r"(?m)(\x00|\?)PostgreSQL (?P<version>[0-9]+(\.[0-9]+)?(\.[0-9]+)?(alpha[0-9]|beta[0-9]|rc[0-9])?)",
        },
    },
    // tallyman: not a MariaDB client (syft reports `mysql` for Debian's
    // `mysql -> mariadb` too, beside `mariadb`).
    Classifier {
        class: "mysql-binary",
        package: "mysql",
        purl: "pkg:generic/mysql",
        cpes: ORACLE_MYSQL_CPES,
        globs: s::MYSQL_GLOBS,
        matcher: Matcher::Excluding {
            matcher: &Matcher::FirstOf(&[
                Matcher::Windows {
                    magics: &AFTER_NUL,
                    pattern: r"\x00(?P<version>[0-9]+(\.[0-9]+)?(\.[0-9]+)?(alpha[0-9]|beta[0-9]|rc[0-9])?)\x00+mysql",
                },
                Matcher::Windows {
                    magics: &[s::MYSQL_PATH],
                    pattern: r"(?m).*/mysql-(?P<version>[0-9]+(\.[0-9]+)?(\.[0-9]+)?(alpha[0-9]|beta[0-9]|rc[0-9])?)",
                },
            ]),
            magics: &AFTER_NUL,
            pattern: "-MariaDB",
        },
    },
    Classifier {
        class: "mysql-binary",
        package: "percona-server",
        purl: "pkg:generic/percona-server",
        cpes: &[
            "cpe:2.3:a:oracle:mysql:*:*:*:*:*:*:*:*",
            "cpe:2.3:a:percona:percona_server:*:*:*:*:*:*:*:*",
        ],
        globs: s::MYSQL_GLOBS,
        matcher: Matcher::Windows {
            magics: &[s::PERCONA_PATH],
            pattern: r"(?m).*/percona-server-(?P<version>[0-9]+(\.[0-9]+)?(\.[0-9]+)?(alpha[0-9]|beta[0-9]|rc[0-9])?)",
        },
    },
    Classifier {
        class: "mysql-binary",
        package: "percona-xtradb-cluster",
        purl: "pkg:generic/percona-xtradb-cluster",
        cpes: &[
            "cpe:2.3:a:oracle:mysql:*:*:*:*:*:*:*:*",
            "cpe:2.3:a:percona:percona_server:*:*:*:*:*:*:*:*",
            "cpe:2.3:a:percona:xtradb_cluster:*:*:*:*:*:*:*:*",
        ],
        globs: s::MYSQL_GLOBS,
        matcher: Matcher::Windows {
            magics: &[s::PXC_PATH],
            pattern: r"(?m).*/Percona-XtraDB-Cluster-(?P<version>[0-9]+(\.[0-9]+)?(\.[0-9]+)?(alpha[0-9]|beta[0-9]|rc[0-9])?)",
        },
    },
    Classifier {
        class: "mariadb-binary",
        package: "mariadb",
        purl: "pkg:generic/mariadb",
        cpes: &["cpe:2.3:a:mariadb:mariadb:*:*:*:*:*:*:*:*"],
        globs: s::MARIADB_GLOBS,
        matcher: Matcher::Windows {
            magics: &AFTER_NUL,
            pattern: r"(?m)(?P<version>[0-9]+(\.[0-9]+)?(\.[0-9]+)?(alpha[0-9]|beta[0-9]|rc[0-9])?)-MariaDB",
        },
    },
    Classifier {
        class: "rust-standard-library-linux",
        package: "rust",
        purl: "pkg:generic/rust",
        cpes: RUST_CPES,
        globs: s::LIBSTD_GLOBS,
        matcher: Matcher::Windows {
            magics: &[s::RUSTC_PRODUCER],
            pattern: r"(?m)(\x00)clang LLVM \(rustc version (?P<version>[0-9]+(\.[0-9]+)?(\.[0-9]+)) \(\w+ \d{4}\-\d{2}\-\d{2}\)",
        },
    },
    // tallyman: a rustup toolchain (rustc, cargo, std) by the channel
    // manifest rustup keeps in it: any channel, nightly included.
    Classifier {
        class: "rustup-toolchain",
        package: "rust",
        purl: "pkg:generic/rust",
        cpes: RUST_CPES,
        globs: s::RUSTUP_GLOBS,
        matcher: Matcher::Windows {
            magics: &[s::RUSTUP_RUST],
            pattern: r#"version = "(?P<version>[0-9]+\.[0-9]+\.[0-9]+(-(beta|nightly)(\.[0-9]+)?)?)[ "]"#,
        },
    },
    // tallyman: also Debian's `ruby3.1` needing `libruby-3.1.so.3.1`.
    Classifier {
        class: "ruby-binary",
        package: "ruby",
        purl: "pkg:generic/ruby",
        cpes: RUBY_CPES,
        globs: s::RUBY_GLOBS,
        matcher: Matcher::FirstOf(&[
            RUBY,
            Matcher::Library {
                magic: s::LIBRUBY,
                name: r"^libruby(-[0-9]+\.[0-9]+)?\.so.*$",
                library: &RUBY,
            },
        ]),
    },
    // tallyman: the library alone (syft finds it only through `ruby`).
    Classifier {
        class: "ruby-binary-lib",
        package: "ruby",
        purl: "pkg:generic/ruby",
        cpes: RUBY_CPES,
        globs: s::LIBRUBY_GLOBS,
        matcher: RUBY,
    },
    Classifier {
        class: "erlang-binary",
        package: "erlang",
        purl: "pkg:generic/erlang",
        cpes: ERLANG_CPES,
        globs: &["**/erlexec"],
        matcher: ERLANG,
    },
    Classifier {
        class: "erlang-alpine-binary",
        package: "erlang",
        purl: "pkg:generic/erlang",
        cpes: ERLANG_CPES,
        globs: &["**/beam.smp"],
        matcher: ERLANG,
    },
    Classifier {
        class: "erlang-library",
        package: "erlang",
        purl: "pkg:generic/erlang",
        cpes: ERLANG_CPES,
        globs: &["**/liberts_internal.a"],
        matcher: ERLANG,
    },
    // tallyman: an OTP installation by its release file (syft needs the
    // build directory inside the binaries, which only docker's have).
    Classifier {
        class: "erlang-otp-release",
        package: "erlang",
        purl: "pkg:generic/erlang",
        cpes: ERLANG_CPES,
        globs: OTP_VERSION_GLOBS,
        matcher: Matcher::OtpRelease {
            pattern: r"\A(?P<version>[0-9]+(\.[0-9]+){0,4}(-rc[0-9]+)?)[\t\n\r ]*\z",
        },
    },
    Classifier {
        class: "nginx-binary",
        package: "nginx",
        purl: "pkg:generic/nginx",
        cpes: &[
            "cpe:2.3:a:f5:nginx:*:*:*:*:*:*:*:*",
            "cpe:2.3:a:nginx:nginx:*:*:*:*:*:*:*:*",
        ],
        globs: s::NGINX_GLOBS,
        matcher: Matcher::Windows {
            magics: &[s::NGINX_NUL, s::NGINX_QUESTION],
            pattern: r"(?m)(\x00|\?)nginx version: [^\/]+\/(?P<version>[0-9]+\.[0-9]+\.[0-9]+(?:\+\d+)?(?:-\d+)?)",
        },
    },
    Classifier {
        class: "openssl-binary",
        package: "openssl",
        purl: "pkg:generic/openssl",
        cpes: OPENSSL_CPES,
        globs: s::OPENSSL_GLOBS,
        matcher: OPENSSL,
    },
    // tallyman: libcrypto carries OpenSSL's version (libssl does not).
    Classifier {
        class: "openssl-library",
        package: "openssl",
        purl: "pkg:generic/openssl",
        cpes: OPENSSL_CPES,
        globs: s::LIBCRYPTO_GLOBS,
        matcher: OPENSSL,
    },
    Classifier {
        class: "curl-binary",
        package: "curl",
        purl: "pkg:generic/curl",
        cpes: &["cpe:2.3:a:haxx:curl:*:*:*:*:*:*:*:*"],
        globs: s::CURL_GLOBS,
        matcher: CURL,
    },
    // tallyman: libcurl's user agent string names its version.
    Classifier {
        class: "curl-library",
        package: "curl",
        purl: "pkg:generic/curl",
        cpes: &[
            "cpe:2.3:a:haxx:curl:*:*:*:*:*:*:*:*",
            "cpe:2.3:a:haxx:libcurl:*:*:*:*:*:*:*:*",
        ],
        globs: s::LIBCURL_GLOBS,
        matcher: CURL,
    },
];

/// Erlang/OTP's release files, read whole (a pattern of the cataloger).
pub const OTP_VERSION_GLOBS: &[&str] = &["**/releases/*/OTP_VERSION"];
