/**
 * @module `heng event out` publishes `msg.payload` as an event on the site's bus (where edge
 * plugins and, through replication, the hub see it); `heng event in` sends on every event whose
 * topic matches its MQTT-style pattern.
 */
import { HengError, type HengEvent } from '@heng/schemas';
import { configNodeOf } from './config-node.ts';
import type { NodeRedRuntime } from './node-red-api.ts';
import type { SiteNode } from './site-node.ts';

const LEVELS = new Set([1, 2, 3, 4]);

/** The event a message makes, or an error naming what is wrong with it. */
export function eventOf(
  msg: { payload?: unknown; topic?: unknown; level?: unknown; title?: unknown },
  defaults: { topic?: string; level?: number; site: string; node: string },
  now: Date,
): HengEvent {
  const topic = msg.topic || defaults.topic;
  if (typeof topic !== 'string' || !/^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/.test(topic)) {
    throw new HengError(
      'invalid_input',
      'msg.topic: must be a topic like "pump/alarm" (or set one on the node)',
    );
  }
  const payload = msg.payload === undefined ? {} : msg.payload;
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    throw new HengError('invalid_input', 'msg.payload: must be an object');
  }
  const level = msg.level ?? defaults.level;
  if (level !== undefined && !LEVELS.has(level as number)) {
    throw new HengError(
      'invalid_input',
      'msg.level: must be a response level 1..4 (1 is the most severe)',
    );
  }
  return {
    id: crypto.randomUUID(),
    topic,
    source: `edge:${defaults.site}/node-red/${defaults.node}`,
    ts: now.toISOString(),
    payload: payload as Record<string, unknown>,
    dataClass: 'internal',
    ...(level === undefined ? {} : { level: level as HengEvent['level'] }),
    ...(typeof msg.title === 'string' ? { title: msg.title } : {}),
  };
}

export function registerEvents(RED: NodeRedRuntime): void {
  RED.nodes.registerType('heng event out', function (config) {
    RED.nodes.createNode(this, config);
    const site = configNodeOf<SiteNode>(RED, this, config, 'site');
    if (!site) return;
    const level = config['level'] ? Number(config['level']) : undefined;
    this.on('input', (msg, _send, done) => {
      try {
        const event = eventOf(
          msg,
          { topic: String(config['topic'] ?? ''), level, site: site.services.site, node: this.id },
          new Date(),
        );
        site.services.bus.publish(event);
        this.status({ fill: 'green', shape: 'dot', text: event.topic });
        done();
      } catch (error) {
        this.status({ fill: 'red', shape: 'dot', text: (error as Error).message.slice(0, 60) });
        done(error as Error);
      }
    });
  });

  RED.nodes.registerType('heng event in', function (config) {
    RED.nodes.createNode(this, config);
    const site = configNodeOf<SiteNode>(RED, this, config, 'site');
    if (!site) return;
    const pattern = String(config['topic'] || '#');
    const subscription = site.services.bus.subscribe(pattern, (event) => {
      this.send({ topic: event.topic, payload: event.payload, event });
    });
    this.status({ fill: 'green', shape: 'ring', text: pattern });
    this.on('close', (_removed, done) => {
      subscription.dispose();
      done();
    });
  });
}
