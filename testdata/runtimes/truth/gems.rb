# Ground truth of the installed gems, from RubyGems itself (run by the
# image's own ruby): every gemspec of every directory RubyGems searches
# (Gem::Specification.dirs and the default gems' directory), each loaded
# with Gem::Specification.load. Prints one TSV row per file: the gemspec's
# path, name, version, platform, whether it is a default gem, and the purl.
# A gem installed twice (Ruby's bundled rake and Debian's) is two rows; the
# (name, version) pairs are checked against Gem::Specification's own list.
require "rubygems"

default_dir = File.expand_path(Gem.default_specifications_dir)
dirs = (Gem::Specification.dirs.map { |d| File.expand_path(d) } + [default_dir]).uniq
rows = []
dirs.each do |dir|
  Dir.glob(File.join(dir, "*.gemspec")).sort.each do |path|
    spec = Gem::Specification.load(path) or abort "RubyGems cannot load #{path}"
    purl = "pkg:gem/#{spec.name}@#{spec.version}"
    purl += "?platform=#{spec.platform}" unless spec.platform.to_s == "ruby"
    rows << [path, spec.name, spec.version.to_s, spec.platform.to_s, dir == default_dir, purl]
  end
end
listed = Gem::Specification.map { |s| [s.name, s.version.to_s] }.uniq.sort
found = rows.map { |r| [r[1], r[2]] }.uniq.sort
abort "the gemspec files #{found - listed} / RubyGems' list #{listed - found} differ" unless listed == found
puts %w[path name version platform default purl].join("\t")
rows.each { |r| puts r.join("\t") }
