// A small Go tool for the polyglot test image: its one dependency is a
// local module joined by a replace directive, and it is built as (devel)
// with its version stamped by -ldflags -X (testdata/build-polyglot-image.sh).
package main

import (
	"fmt"
	"os"

	"example.com/tallyman/words"
)

var version = "unset"

func main() {
	if len(os.Args) > 1 && os.Args[1] == "--version" {
		fmt.Println(version)
		return
	}
	fmt.Println(words.Greeting())
}
