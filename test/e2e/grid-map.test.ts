import { describe, expect, inject, it } from 'vitest';
import { gridMapSchema } from '../../src/shared/domain/map.ts';
import { chooseOption } from './support/antd.ts';
import { ApiSession } from './support/api.ts';
import { registerBrowserSessions } from './support/browser.ts';
import { runAccounts, signIn } from './support/sign-in.ts';

/** The grid map (issue 12 §7): a leader's street drawn from its grids' boundaries, coloured by a figure. */
const origin = inject('origin');
const sessions = registerBrowserSessions(origin);

describe('the grid map', () => {
  it("draws the leader's grids and switches the figure it colours by", async () => {
    const { page } = await sessions.open();
    await signIn(page, 'leader');
    const leader = await ApiSession.signIn(origin, runAccounts(), 'leader');
    const [street] = await leader.regions();
    if (!street) throw new Error('the leader has no territory');
    const map = gridMapSchema.parse(
      await (await leader.get(`/api/v1/map/grids?regionId=${street.id}&period=month`)).json(),
    );
    const withBoundary = map.grids.filter((g) => g.boundary !== null).length;
    expect(withBoundary).toBeGreaterThan(100);

    await page.goto('/map');
    const card = page.locator(`[data-testid="grid-map"][data-grids-drawn="${withBoundary}"]`);
    await card.waitFor();
    await page.getByTestId('grid-map-canvas').locator('canvas').first().waitFor();
    const legend = page.getByTestId('map-legend');
    await legend.getByText('住户走访覆盖率').waitFor();

    await chooseOption(page.getByTestId('map-figure'), '发现问题');
    await page.locator('[data-testid="map-legend"][data-figure="problemsFound"]').waitFor();
    expect(await legend.textContent()).toContain('发现问题');
    expect(await legend.textContent()).not.toContain('住户走访覆盖率');
  });
});
