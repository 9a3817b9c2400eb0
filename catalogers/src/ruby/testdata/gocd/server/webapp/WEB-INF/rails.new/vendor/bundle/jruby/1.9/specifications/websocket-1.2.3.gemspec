# -*- encoding: utf-8 -*-
# stub: websocket 1.2.3 ruby lib

Gem::Specification.new do |s|
  s.name = "websocket"
  s.version = "1.2.3"

  s.required_rubygems_version = Gem::Requirement.new(">= 0") if s.respond_to? :required_rubygems_version=
  s.require_paths = ["lib"]
  s.authors = ["Bernard Potocki"]
  s.date = "2016-04-05"
  s.description = "Universal Ruby library to handle WebSocket protocol"
  s.email = ["bernard.potocki@imanel.org"]
  s.homepage = "http://github.com/imanel/websocket-ruby"
  s.licenses = ["MIT"]
  s.rubygems_version = "2.4.8"
  s.summary = "Universal Ruby library to handle WebSocket protocol"

  s.installed_by_version = "2.4.8" if s.respond_to? :installed_by_version
end
