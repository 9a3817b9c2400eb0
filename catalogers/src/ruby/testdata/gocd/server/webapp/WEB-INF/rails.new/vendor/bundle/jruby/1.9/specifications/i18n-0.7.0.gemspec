# -*- encoding: utf-8 -*-
# stub: i18n 0.7.0 ruby lib

Gem::Specification.new do |s|
  s.name = "i18n"
  s.version = "0.7.0"

  s.required_rubygems_version = Gem::Requirement.new(">= 1.3.5") if s.respond_to? :required_rubygems_version=
  s.require_paths = ["lib"]
  s.authors = ["Sven Fuchs", "Joshua Harvey", "Matt Aimonetti", "Stephan Soller", "Saimon Moore"]
  s.date = "2014-12-19"
  s.description = "New wave Internationalization support for Ruby."
  s.email = "rails-i18n@googlegroups.com"
  s.homepage = "http://github.com/svenfuchs/i18n"
  s.licenses = ["MIT"]
  s.required_ruby_version = Gem::Requirement.new(">= 1.9.3")
  s.rubyforge_project = "[none]"
  s.rubygems_version = "2.4.8"
  s.summary = "New wave Internationalization support for Ruby"

  s.installed_by_version = "2.4.8" if s.respond_to? :installed_by_version
end
