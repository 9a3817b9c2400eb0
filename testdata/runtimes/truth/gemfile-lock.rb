# Ground truth of an application's Gemfile.lock, from Bundler itself (run
# by the image's own ruby, in the application's directory): every spec
# Bundler::LockfileParser reads, and whether only development or test
# groups need it (the Gemfile's groups, as Bundler's DSL reads them, walked
# through the lockfile's dependencies). One TSV row per spec: the
# lockfile's path, name, version, platform, dev, purl.
require "bundler"

lockfile = File.expand_path("Gemfile.lock")
lock = Bundler::LockfileParser.new(Bundler.read_file(lockfile))
gemfile = Bundler::Dsl.new
gemfile.eval_gemfile(File.expand_path("Gemfile"))
specs = lock.specs.group_by(&:name)
dev_only = %i[development test]
wanted = gemfile.dependencies.reject { |d| (d.groups - dev_only).empty? }.map(&:name)
runtime = {}
until wanted.empty?
  name = wanted.shift
  next if runtime[name]
  runtime[name] = true
  (specs[name] || []).each { |s| wanted.concat(s.dependencies.map(&:name)) }
end
puts %w[path name version platform dev purl].join("\t")
lock.specs.sort_by { |s| [s.name, s.version] }.each do |s|
  purl = "pkg:gem/#{s.name}@#{s.version}"
  purl += "?platform=#{s.platform}" unless s.platform.to_s == "ruby"
  puts [lockfile, s.name, s.version, s.platform, !runtime[s.name], purl].join("\t")
end
