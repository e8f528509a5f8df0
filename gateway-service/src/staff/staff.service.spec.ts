import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeCertificate } from '../../test/support/certificates';
import { FabricCaClient } from './ca-client';
import { StaffService } from './staff.service';
import { StaffStore } from './staff-store';

/** A self-signed certificate whose subject is CN=`commonName`. */
const certificateFor = (commonName: string): string => makeCertificate({ commonName }).pem;

/** The CA's side, recorded: what the service asked of it. */
class RecordingCa {
  readonly calls: string[] = [];
  answerFor = (id: string) => certificateFor(id);

  register(id: string, attributes: { name: string; value: string }[]): Promise<string> {
    this.calls.push(`register ${id} ${attributes.map((attribute) => `${attribute.name}=${attribute.value}`).join(',')}`);
    return Promise.resolve('one-time-secret');
  }

  enroll(id: string, secret: string): Promise<string> {
    this.calls.push(`enroll ${id} ${secret}`);
    return Promise.resolve(this.answerFor(id));
  }

  revoke(id: string): Promise<string> {
    this.calls.push(`revoke ${id}`);
    return Promise.resolve('');
  }
}

describe('StaffService', () => {
  let directory: string;
  let store: StaffStore;
  let ca: RecordingCa;
  let staff: StaffService;

  beforeEach(async () => {
    directory = mkdtempSync(join(tmpdir(), 'staff-store-'));
    store = new StaffStore(directory);
    await store.open();
    ca = new RecordingCa();
    staff = new StaffService(store, 'HaidianMSP', ca as unknown as FabricCaClient);
  });

  afterEach(async () => {
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('registers an invited member with the role attribute and keeps them INVITED until they enrol', async () => {
    const invited = await staff.invite({ name: '王小明', role: 'clerk' }, 'haidian-admin');
    expect(invited).toMatchObject({
      name: '王小明',
      role: 'clerk',
      status: 'INVITED',
      invitedBy: 'haidian-admin',
      enrolmentSecret: 'one-time-secret',
    });
    expect(invited.id).toMatch(/^staff-[0-9a-f]{10}$/);
    expect(ca.calls).toEqual([`register ${invited.id} tongban.role=clerk`]);
    expect(await staff.get(invited.id)).not.toHaveProperty('enrolmentSecret');

    const enrolled = await staff.enrol(invited.id, 'one-time-secret', 'REQUEST');
    expect(enrolled).toMatchObject({ id: invited.id, mspId: 'HaidianMSP' });
    expect(await staff.get(invited.id)).toMatchObject({ status: 'ACTIVE', certificate: enrolled.certificate });
  });

  it('refuses an enrolment no invitation awaits, the same for an unknown ID and an enrolled one', async () => {
    const invited = await staff.invite({ name: '李四', role: 'reviewer' }, 'haidian-admin');
    await staff.enrol(invited.id, 'one-time-secret', 'REQUEST');
    for (const id of [invited.id, 'staff-0000000000']) {
      await expect(staff.enrol(id, 'one-time-secret', 'REQUEST')).rejects.toMatchObject({
        code: 'ENROLMENT_REFUSED',
        detail: `no invitation of ${id} awaits an enrolment here`,
      });
    }
  });

  it('refuses a CA answer for another subject, and leaves the member INVITED', async () => {
    const invited = await staff.invite({ name: '李四', role: 'reviewer' }, 'haidian-admin');
    ca.answerFor = () => certificateFor('someone-else');
    await expect(staff.enrol(invited.id, 'one-time-secret', 'REQUEST')).rejects.toMatchObject({ code: 'CA_ANSWER_INVALID' });
    expect(await staff.get(invited.id)).toMatchObject({ status: 'INVITED' });
  });

  it('suspends, reinstates and revokes, refusing changes that do not apply', async () => {
    const { id } = await staff.invite({ name: '赵六', role: 'clerk' }, 'haidian-admin');
    await staff.enrol(id, 'one-time-secret', 'REQUEST');
    expect(await staff.setSuspended(id, true, 'on leave')).toMatchObject({ status: 'SUSPENDED', reason: 'on leave' });
    await expect(staff.setSuspended(id, true)).rejects.toMatchObject({ code: 'INVALID_STATUS' });
    expect(await staff.setSuspended(id, false)).toMatchObject({ status: 'ACTIVE' });
    await expect(staff.setSuspended(id, false)).rejects.toMatchObject({ code: 'INVALID_STATUS' });
    expect(await staff.revoke(id, 'left')).toMatchObject({ status: 'REVOKED', reason: 'left' });
    await expect(staff.revoke(id)).rejects.toMatchObject({ code: 'INVALID_STATUS' });
    expect(ca.calls.filter((call) => call.startsWith('revoke'))).toEqual([`revoke ${id}`]);
    await expect(staff.get('staff-0000000000')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('answers 503 STAFF_UNAVAILABLE without a CA', async () => {
    const without = new StaffService(store, 'HaidianMSP');
    await expect(without.invite({ name: '王小明', role: 'clerk' }, 'haidian-admin')).rejects.toMatchObject({ code: 'STAFF_UNAVAILABLE' });
  });
});
