# -*- encoding: utf-8 -*-
# stub: json 1.8.3 java lib

Gem::Specification.new do |s|
  s.name = "json"
  s.version = "1.8.3"
  s.platform = "java"

  s.required_rubygems_version = Gem::Requirement.new(">= 0") if s.respond_to? :required_rubygems_version=
  s.require_paths = ["lib"]
  s.authors = ["Daniel Luz"]
  s.date = "2015-06-01"
  s.description = "A JSON implementation as a JRuby extension."
  s.email = "dev+ruby@mernen.com"
  s.homepage = "http://json-jruby.rubyforge.org/"
  s.licenses = ["Ruby"]
  s.rubyforge_project = "json-jruby"
  s.rubygems_version = "2.4.8"
  s.summary = "JSON implementation for JRuby"

  s.installed_by_version = "2.4.8" if s.respond_to? :installed_by_version
end
