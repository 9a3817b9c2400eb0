# -*- encoding: utf-8 -*-
# stub: tilt 2.0.1 ruby lib

Gem::Specification.new do |s|
  s.name = "tilt"
  s.version = "2.0.1"

  s.required_rubygems_version = Gem::Requirement.new(">= 0") if s.respond_to? :required_rubygems_version=
  s.require_paths = ["lib"]
  s.authors = ["Ryan Tomayko"]
  s.date = "2014-03-21"
  s.description = "Generic interface to multiple Ruby template engines"
  s.email = "r@tomayko.com"
  s.executables = ["tilt"]
  s.files = ["bin/tilt"]
  s.homepage = "http://github.com/rtomayko/tilt/"
  s.licenses = ["MIT"]
  s.rdoc_options = ["--line-numbers", "--inline-source", "--title", "Tilt", "--main", "Tilt"]
  s.rubygems_version = "2.4.8"
  s.summary = "Generic interface to multiple Ruby template engines"

  s.installed_by_version = "2.4.8" if s.respond_to? :installed_by_version
end
