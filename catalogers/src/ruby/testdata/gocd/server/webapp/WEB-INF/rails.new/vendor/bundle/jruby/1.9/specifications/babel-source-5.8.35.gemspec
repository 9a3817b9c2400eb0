# -*- encoding: utf-8 -*-
# stub: babel-source 5.8.35 ruby lib

Gem::Specification.new do |s|
  s.name = "babel-source"
  s.version = "5.8.35"

  s.required_rubygems_version = Gem::Requirement.new(">= 0") if s.respond_to? :required_rubygems_version=
  s.require_paths = ["lib"]
  s.authors = ["Sebastian McKenzie"]
  s.date = "2016-01-20"
  s.email = "sebmck@gmail.com"
  s.homepage = "https://github.com/babel/ruby-babel-transpiler"
  s.licenses = ["MIT"]
  s.rubygems_version = "2.4.8"
  s.summary = "Babel JS source"

  s.installed_by_version = "2.4.8" if s.respond_to? :installed_by_version
end
