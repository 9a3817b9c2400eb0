# -*- encoding: utf-8 -*-
# stub: yard 0.8.7.6 ruby lib

Gem::Specification.new do |s|
  s.name = "yard"
  s.version = "0.8.7.6"

  s.required_rubygems_version = Gem::Requirement.new(">= 0") if s.respond_to? :required_rubygems_version=
  s.require_paths = ["lib"]
  s.authors = ["Loren Segal"]
  s.date = "2014-10-26"
  s.description = "    YARD is a documentation generation tool for the Ruby programming language.\n    It enables the user to generate consistent, usable documentation that can be\n    exported to a number of formats very easily, and also supports extending for\n    custom Ruby constructs such as custom class level definitions.\n"
  s.email = "lsegal@soen.ca"
  s.executables = ["yard", "yardoc", "yri"]
  s.files = ["bin/yard", "bin/yardoc", "bin/yri"]
  s.homepage = "http://yardoc.org"
  s.licenses = ["MIT"]
  s.rubyforge_project = "yard"
  s.rubygems_version = "2.4.8"
  s.summary = "Documentation tool for consistent and usable documentation in Ruby."

  s.installed_by_version = "2.4.8" if s.respond_to? :installed_by_version
end
