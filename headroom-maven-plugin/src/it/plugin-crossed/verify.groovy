// build.log holds the four invocations of invoker.properties in order.
def log = new File(basedir, 'build.log').text
def runs = log.split(/(?m)^\[INFO\] (?=BUILD (SUCCESS|FAILURE))/)
assert runs.length == 5 : "expected four builds in build.log, found ${runs.length - 1}"

// 1: the crossed p(95) bound failed the build with the threshold and its measured value.
def first = runs[0]
assert runs[1].startsWith('BUILD FAILURE')
assert first.contains('[ERROR] headroom: checkout: thresholds crossed')
assert first =~ /http_req_duration p\(95\)<0\.001: threshold crossed: p\(95\)=[0-9.]+ ?ms does not satisfy 'p\(95\)<0\.001'/
assert !(first =~ /http_req_failed rate<0\.05: threshold crossed/)

// 2: failOnThresholds=false: the same as a warning, and the build passed.
assert runs[1].contains('[WARNING] headroom: checkout: thresholds crossed')
assert runs[2].startsWith('BUILD SUCCESS')

// 3: -Dheadroom.skip ran nothing.
assert runs[2].contains('headroom: skipped')
assert !runs[2].contains('headroom: running')
assert runs[3].startsWith('BUILD SUCCESS')

// 4: -Dheadroom.heap=lots was refused before any plan ran.
// (Maven prints a mojo's configuration error after the BUILD FAILURE line.)
assert !runs[3].contains('headroom: running')
assert runs[4].startsWith('BUILD FAILURE')
assert runs[4].contains("headroom: <heap>: heap 'lots' is not a JVM heap size (say 512m or 2g)")

// The reports were written in spite of the failure.
def dir = new File(basedir, 'target/headroom/checkout')
assert new File(dir, 'summary.json').text.contains('"headroom.summary/1"')
assert new File(dir, 'report.html').isFile()
assert new File(dir, 'junit.xml').text.contains('threshold crossed')
return true
