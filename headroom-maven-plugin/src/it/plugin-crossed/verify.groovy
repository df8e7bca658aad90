// The crossed p(95) bound failed the build with the threshold and its measured value; reports were written.
def log = new File(basedir, 'build.log').text
assert log.contains('headroom: checkout: thresholds crossed')
assert log =~ /http_req_duration p\(95\)<0\.001: threshold crossed: p\(95\)=[0-9.]+ ?ms does not satisfy 'p\(95\)<0\.001'/
assert log.contains('BUILD FAILURE')
def dir = new File(basedir, 'target/headroom/checkout')
assert new File(dir, 'summary.json').text.contains('"headroom.summary/1"')
assert new File(dir, 'report.html').isFile()
assert new File(dir, 'junit.xml').text.contains('threshold crossed')
return true
