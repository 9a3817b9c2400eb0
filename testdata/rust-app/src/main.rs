//! Prints where a number's digits start in a line, using both dependencies.
fn main() {
    let mut buffer = itoa::Buffer::new();
    let line = format!("answer: {}", buffer.format(42));
    println!("{:?}", memchr::memchr(b'4', line.as_bytes()));
}
