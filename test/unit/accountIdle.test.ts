import { leaseAccount } from '../../nodes/MercadoPago/transport/accounts';

/** The account's pool closes once nobody has used it for a while, and never while a run holds it. */
describe('an idle account', () => {
	beforeEach(() => jest.useFakeTimers());
	afterEach(() => jest.useRealTimers());

	const credentials = (token: string) => ({ accessToken: token, origin: 'http://127.0.0.1:9', basePath: '' });

	it("is not closed under a run that took it during another run's idle time", () => {
		const first = leaseAccount(credentials('APP_USR-idle-1'), 8);
		first.release();
		jest.advanceTimersByTime(20_000);
		const second = leaseAccount(credentials('APP_USR-idle-1'), 8);
		expect(second.account).toBe(first.account);
		// Past the first run's idle time: the second still holds the account.
		jest.advanceTimersByTime(20_000);
		const third = leaseAccount(credentials('APP_USR-idle-1'), 8);
		expect(third.account).toBe(second.account);
		second.release();
		third.release();
	});

	it('is closed, and a later run gets a new one, once nobody used it for 30 s', () => {
		const first = leaseAccount(credentials('APP_USR-idle-2'), 8);
		first.release();
		jest.advanceTimersByTime(30_001);
		const later = leaseAccount(credentials('APP_USR-idle-2'), 8);
		expect(later.account).not.toBe(first.account);
		later.release();
	});
});
