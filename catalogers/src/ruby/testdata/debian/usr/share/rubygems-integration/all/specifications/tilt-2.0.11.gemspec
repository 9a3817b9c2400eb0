# -*- encoding: utf-8 -*-
# stub: tilt 2.0.11 ruby lib

Gem::Specification.new do |s|
  s.name = "tilt".freeze
  s.version = "2.0.11"

  s.required_rubygems_version = Gem::Requirement.new(">= 0".freeze) if s.respond_to? :required_rubygems_version=
  s.require_paths = ["lib".freeze]
  s.authors = ["Ryan Tomayko".freeze]
  s.date = "2022-12-23"
  s.description = "Generic interface to multiple Ruby template engines".freeze
  s.email = "r@tomayko.com".freeze
  s.executables = ["tilt".freeze]
  s.files = ["COPYING".freeze, "bin/tilt".freeze, "lib/tilt.rb".freeze, "lib/tilt/asciidoc.rb".freeze, "lib/tilt/babel.rb".freeze, "lib/tilt/bluecloth.rb".freeze, "lib/tilt/builder.rb".freeze, "lib/tilt/coffee.rb".freeze, "lib/tilt/commonmarker.rb".freeze, "lib/tilt/creole.rb".freeze, "lib/tilt/csv.rb".freeze, "lib/tilt/dummy.rb".freeze, "lib/tilt/erb.rb".freeze, "lib/tilt/erubi.rb".freeze, "lib/tilt/erubis.rb".freeze, "lib/tilt/etanni.rb".freeze, "lib/tilt/haml.rb".freeze, "lib/tilt/kramdown.rb".freeze, "lib/tilt/less.rb".freeze, "lib/tilt/liquid.rb".freeze, "lib/tilt/livescript.rb".freeze, "lib/tilt/mapping.rb".freeze, "lib/tilt/markaby.rb".freeze, "lib/tilt/maruku.rb".freeze, "lib/tilt/nokogiri.rb".freeze, "lib/tilt/pandoc.rb".freeze, "lib/tilt/plain.rb".freeze, "lib/tilt/prawn.rb".freeze, "lib/tilt/radius.rb".freeze, "lib/tilt/rdiscount.rb".freeze, "lib/tilt/rdoc.rb".freeze, "lib/tilt/redcarpet.rb".freeze, "lib/tilt/redcloth.rb".freeze, "lib/tilt/rst-pandoc.rb".freeze, "lib/tilt/sass.rb".freeze, "lib/tilt/sigil.rb".freeze, "lib/tilt/string.rb".freeze, "lib/tilt/template.rb".freeze, "lib/tilt/typescript.rb".freeze, "lib/tilt/wikicloth.rb".freeze, "lib/tilt/yajl.rb".freeze]
  s.homepage = "https://github.com/rtomayko/tilt/".freeze
  s.licenses = ["MIT".freeze]
  s.rdoc_options = ["--line-numbers".freeze, "--inline-source".freeze, "--title".freeze, "Tilt".freeze, "--main".freeze, "Tilt".freeze]
  s.rubygems_version = "3.3.15".freeze
  s.summary = "Generic interface to multiple Ruby template engines".freeze
end
