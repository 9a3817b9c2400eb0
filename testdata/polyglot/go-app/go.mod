module example.com/tallyman/greeter

go 1.19

require example.com/tallyman/words v0.0.0-00010101000000-000000000000

replace example.com/tallyman/words => ./words
