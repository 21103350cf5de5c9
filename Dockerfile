# The autotrader daemon in a container (README.md, "Running as a service").
#   docker build -t autotrader .
#   docker run -d --name autotrader --env-file /etc/autotrader/secrets.env \
#     -v "$PWD/config.yaml:/app/config.yaml:ro" -v "$PWD/rules:/app/rules:ro" \
#     -v "$PWD/strategies:/app/strategies:ro" -v "$PWD/models:/app/models" \
#     -v autotrader-state:/app/state -p 127.0.0.1:8321:8321 autotrader
# Everything comes from Debian's packages and Maven Central: no other download.

# --- build: Debian's JDK 17 and Maven; the dependencies from Maven Central ---
FROM debian:bookworm-slim AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends openjdk-17-jdk-headless maven \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# The poms first: the dependency layer is rebuilt only when they change, not on every code edit.
COPY pom.xml ./
COPY bot/pom.xml bot/
RUN mvn -B -ntp -q dependency:go-offline
COPY bot/src/main bot/src/main
RUN mvn -B -ntp -q package -Dmaven.test.skip=true

# --- run: Debian's JRE 17 and the jar with its lib/ beside it, as the build lays them out ---
FROM debian:bookworm-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends openjdk-17-jre-headless libgomp1 \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --create-home --home-dir /home/autotrader --uid 10001 autotrader \
 && mkdir -p /app/state /app/logs && chown autotrader:autotrader /app/state /app/logs
WORKDIR /app
COPY --from=build /src/bot/target/lib/ /app/bot/target/lib/
COPY --from=build /src/bot/target/autotrader.jar /app/bot/target/autotrader.jar
# Must be set before the JVM starts: without PASSIVE the native math libraries spin-wait.
ENV OMP_WAIT_POLICY=PASSIVE OMP_NUM_THREADS=1
# config.yaml, rules/, strategies/ (read-only) and models/ (the weekly retrain writes it) are mounted;
# the SQLite state and the Schwab tokens live in this volume.
VOLUME ["/app/state"]
USER autotrader
# The desk: config.yaml must say web.host: 0.0.0.0 for it to be reachable from outside the container
# (then every call needs AUTOTRADER_WEB_TOKEN); publish it on the host's loopback only.
EXPOSE 8321
# docker stop sends this: the daemon's clean stop (jobs finish, exit 0); give it time: docker stop -t 900.
STOPSIGNAL SIGTERM
ENTRYPOINT ["java", "-Xmx1g", "-XX:+UseSerialGC", "-Dautotrader.log.dir=/app/logs", "-jar", "/app/bot/target/autotrader.jar"]
CMD ["run", "--config", "/app/config.yaml"]
