# -*- encoding: utf-8 -*-
# stub: validatable 1.6.7 ruby lib

Gem::Specification.new do |s|
  s.name = "validatable"
  s.version = "1.6.7"

  s.required_rubygems_version = Gem::Requirement.new(">= 0") if s.respond_to? :required_rubygems_version=
  s.require_paths = ["lib"]
  s.authors = ["Jay Fields"]
  s.date = "2008-03-20"
  s.description = "Validatable is a library for adding validations."
  s.email = "validatable-developer@rubyforge.org"
  s.extra_rdoc_files = ["README"]
  s.files = ["README"]
  s.homepage = "http://validatable.rubyforge.org"
  s.rdoc_options = ["--title", "Validatable", "--main", "README", "--line-numbers"]
  s.rubyforge_project = "validatable"
  s.rubygems_version = "2.4.8"
  s.summary = "Validatable is a library for adding validations."

  s.installed_by_version = "2.4.8" if s.respond_to? :installed_by_version
end
