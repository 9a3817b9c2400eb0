module example.com/tallyman/words

go 1.19
