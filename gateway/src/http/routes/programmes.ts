import type { Services } from '../../services/context';
import { createProgramme, listProgrammes, readProgramme, updateProgramme } from '../../services/programmes';
import { route } from '../route';
import { programmeInput, programmeUpdate } from '../schemas';

const readers = ['civil-affairs', 'finance', 'auditor', 'inspector'] as const;

export const programmeRoutes = (s: Services) => [
  route({
    method: 'post', path: '/v1/programmes', tag: 'programmes', status: 201, roles: ['civil-affairs'],
    summary: 'Define a subsidy programme (id, names in English and Chinese, monthly cap in fen)',
    body: programmeInput, responseDescription: 'receipt with the programme',
    handle: ({ caller, body }) => createProgramme(s, caller, body),
  }),
  route({
    method: 'patch', path: '/v1/programmes/:id', tag: 'programmes', roles: ['civil-affairs'],
    summary: "Change a programme's names or monthly cap (the ledger keeps the history)",
    body: programmeUpdate, responseDescription: 'receipt with the programme',
    handle: ({ caller, body, params }) => updateProgramme(s, caller, params.id, body),
  }),
  route({
    method: 'get', path: '/v1/programmes', tag: 'programmes', roles: [...readers],
    summary: 'List the programmes', responseDescription: '{ programmes }',
    handle: async ({ caller }) => ({ programmes: await listProgrammes(s, caller) }),
  }),
  route({
    method: 'get', path: '/v1/programmes/:id', tag: 'programmes', roles: [...readers],
    summary: 'Read one programme', responseDescription: 'the programme',
    handle: ({ caller, params }) => readProgramme(s, caller, params.id),
  }),
];
