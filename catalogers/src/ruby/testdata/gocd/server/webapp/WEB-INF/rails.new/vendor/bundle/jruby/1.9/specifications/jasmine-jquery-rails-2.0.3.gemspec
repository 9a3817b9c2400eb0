# -*- encoding: utf-8 -*-
# stub: jasmine-jquery-rails 2.0.3 ruby lib

Gem::Specification.new do |s|
  s.name = "jasmine-jquery-rails"
  s.version = "2.0.3"

  s.required_rubygems_version = Gem::Requirement.new(">= 0") if s.respond_to? :required_rubygems_version=
  s.require_paths = ["lib"]
  s.authors = ["Travis Jeffery"]
  s.date = "2014-04-29"
  s.email = ["travisjeffery@gmail.com"]
  s.homepage = "http://github.com/travisjeffery/jasmine-jquery-rails"
  s.licenses = ["MIT"]
  s.rubygems_version = "2.4.8"
  s.summary = "jasmine-jquery via asset pipeline"

  s.installed_by_version = "2.4.8" if s.respond_to? :installed_by_version
end
