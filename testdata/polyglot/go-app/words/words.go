// Package words is the greeter's local dependency.
package words

// Greeting is what the greeter prints.
func Greeting() string { return "hello from a polyglot image" }
