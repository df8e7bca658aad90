# The image of `headroom k8s run` (docs/distributed.md): the launcher jar on a JRE 21+.
#
#   ./headroom --version                          # builds headroom-cli/target/headroom.jar
#   docker build -t headroom:0.1.0-SNAPSHOT .     # the tag k8s run uses by default: headroom:VERSION
#   kind load docker-image headroom:0.1.0-SNAPSHOT   # or: minikube image load ..., or push it to your registry
#
# Every pod of a run (the coordinator and each agent) runs this image with arguments only
# (`k8s coordinator ...`, `agent --coordinator ...`): the entry point is the headroom command.
FROM eclipse-temurin:21-jre

# Not root: a load generator needs no privileges. Its home is the working directory (results, caches).
RUN useradd --create-home --uid 10001 headroom
COPY headroom-cli/target/headroom.jar /opt/headroom/headroom.jar
USER 10001
WORKDIR /home/headroom

# The heap from the pod's memory limit, not the node's; a JVM out of memory ends (the run then says so) rather than limps.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/opt/headroom/headroom.jar"]
