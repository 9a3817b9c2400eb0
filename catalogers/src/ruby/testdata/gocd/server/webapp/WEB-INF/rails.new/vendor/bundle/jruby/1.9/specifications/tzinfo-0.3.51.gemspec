# -*- encoding: utf-8 -*-
# stub: tzinfo 0.3.51 ruby lib

Gem::Specification.new do |s|
  s.name = "tzinfo"
  s.version = "0.3.51"

  s.required_rubygems_version = Gem::Requirement.new(">= 0") if s.respond_to? :required_rubygems_version=
  s.require_paths = ["lib"]
  s.authors = ["Philip Ross"]
  s.date = "2016-07-05"
  s.description = "TZInfo is a Ruby library that uses the standard tz (Olson) database to provide daylight savings aware transformations between times in different time zones."
  s.email = "phil.ross@gmail.com"
  s.extra_rdoc_files = ["README", "CHANGES"]
  s.files = ["CHANGES", "README"]
  s.homepage = "http://tzinfo.github.io"
  s.licenses = ["MIT"]
  s.rdoc_options = ["--exclude", "definitions", "--exclude", "indexes"]
  s.rubyforge_project = "tzinfo"
  s.rubygems_version = "2.4.8"
  s.summary = "Daylight-savings aware timezone library"

  s.installed_by_version = "2.4.8" if s.respond_to? :installed_by_version
end
