/** @module The events list: a site's events, and new ones arriving live. */
import { deepText, fakeContext } from '../../test/fakes.ts';
import { afterEach, describe, it, until } from '../../test/harness.ts';
import './index.ts';
import type { EventsView } from './events-view.ts';

let view: EventsView | undefined;
afterEach(() => view?.remove());

const event = (id: string, title: string, level?: number) => ({
  id,
  title,
  topic: 'flood/water-level',
  source: 'edge:pump-01',
  ts: '2026-11-28T10:00:00Z',
  payload: {},
  dataClass: 'internal',
  ...(level ? { level } : {}),
});

describe('<heng-events>', () => {
  it('lists the first site events and adds live ones', async () => {
    const fake = fakeContext({
      'GET /api/sites': () => ({ body: { sites: [{ id: 'pump-01', name: 'Pump 1' }] } }),
      'GET /api/sites/pump-01/events': () => ({ body: { events: [event('e1', 'Pump started')] } }),
    });
    fake.ctx.live.connect();
    view = document.createElement('heng-events') as EventsView;
    view.ctx = fake.ctx;
    document.body.append(view);
    await until(() => deepText(view!).includes('Pump started'), 'listed');
    fake.sources[0]?.emit('event', { site: 'pump-01', event: event('e2', 'Water above 40 cm', 2) });
    await until(() => deepText(view!).includes('Water above 40 cm'), 'live event');
    await until(() => deepText(view!).includes('Level 2'), 'graded level');
  });
});
