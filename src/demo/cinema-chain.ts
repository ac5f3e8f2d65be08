import { v5 as uuidv5 } from 'uuid';
import type { IconInput } from '../core/households/households.types.ts';
import type { MovieInput, RatingsBodyInput } from '../core/movies/movies.types.ts';
import type { PreferenceOptionInput } from '../core/preferences/preferences.types.ts';
import type { NamedOptionInput } from '../core/students/students.types.ts';

/**
 * Demo data for a European cinema chain: every catalogue the faces refer to. Everything is derived from fixed lists
 * and a fixed seed, and every item has a fixed id, so loading it twice changes nothing.
 */

const namespace = '6f1c2b1e-3d4a-5b6c-8d7e-9f0a1b2c3d4e';
const idOf = (name: string) => uuidv5(name, namespace);

const genres = [
  'Action',
  'Adventure',
  'Animation',
  'Comedy',
  'Crime',
  'Documentary',
  'Drama',
  'Family',
  'Fantasy',
  'History',
  'Horror',
  'Music',
  'Mystery',
  'Romance',
  'Science Fiction',
  'Thriller',
  'War',
  'Western',
];
const basedOn = ['Book', 'True story', 'Comic', 'Play', 'Video game', 'Remake'];
const technologies = ['2D', '3D', 'IMAX', '4DX', 'ScreenX', 'Dolby Atmos', 'Laser Ultra'];
const versions = ['OV', 'NL', 'FR', 'DE', 'ES', 'IT'];
const countries = [
  'Belgium',
  'France',
  'Netherlands',
  'Germany',
  'Spain',
  'Italy',
  'Luxembourg',
  'Switzerland',
  'Austria',
  'Denmark',
  'Sweden',
  'Norway',
  'Poland',
  'Ireland',
  'United Kingdom',
  'United States',
  'Canada',
  'Japan',
  'South Korea',
  'Mexico',
  'Portugal',
  'Finland',
  'Czechia',
  'Hungary',
  'Greece',
  'Romania',
  'Iceland',
  'Argentina',
  'Brazil',
  'India',
];
const actors = [
  'Marion Cotillard',
  'Matthias Schoenaerts',
  'Virginie Efira',
  'Jérémie Renier',
  'Cécile de France',
  'Benoît Poelvoorde',
  'Léa Seydoux',
  'Vincent Cassel',
  'Omar Sy',
  'Juliette Binoche',
  'Isabelle Huppert',
  'Jean Dujardin',
  'Penélope Cruz',
  'Javier Bardem',
  'Antonio Banderas',
  'Daniel Brühl',
  'Diane Kruger',
  'Nina Hoss',
  'Mads Mikkelsen',
  'Alicia Vikander',
  'Stellan Skarsgård',
  'Noomi Rapace',
  'Carice van Houten',
  'Rutger Hauer',
  'Famke Janssen',
  'Sophie Marceau',
  'Audrey Tautou',
  'Romain Duris',
  'Louis Garrel',
  'Adèle Exarchopoulos',
  'Vicky Krieps',
  'Toni Servillo',
  'Monica Bellucci',
  'Alba Rohrwacher',
  'Sandra Hüller',
  'Franz Rogowski',
  'Paula Beer',
  'Tilda Swinton',
  'Colin Firth',
  'Olivia Colman',
  'Cillian Murphy',
  'Saoirse Ronan',
  'Emma Thompson',
  'Gael García Bernal',
  'Song Kang-ho',
  'Tom Hanks',
  'Meryl Streep',
  'Cate Blanchett',
  'Denzel Washington',
  'Frances McDormand',
  'Joaquin Phoenix',
  'Natalie Portman',
  'Ryan Gosling',
  'Emma Stone',
  'Zendaya',
  'Timothée Chalamet',
  'Florence Pugh',
  'Anya Taylor-Joy',
  'Pedro Pascal',
  'Viola Davis',
  'Isabelle Adjani',
  'Fabrice Luchini',
  'Catherine Deneuve',
  'Gérard Depardieu',
  'Jean Reno',
  'Emmanuelle Béart',
  'Kad Merad',
  'Dany Boon',
  'Veerle Baetens',
  'Koen De Bouw',
  'Barbara Sarafian',
  'Wim Willaert',
  'Halina Reijn',
  'Thekla Reuten',
  'Jeroen Krabbé',
  'Moritz Bleibtreu',
  'Bruno Ganz',
  'Martina Gedeck',
  'Ulrich Tukur',
  'Charlotte Gainsbourg',
];
const directors = [
  'Jean-Pierre Dardenne',
  'Lukas Dhont',
  'Jaco Van Dormael',
  'Felix van Groeningen',
  'Agnès Varda',
  'Céline Sciamma',
  'Jacques Audiard',
  'François Ozon',
  'Julia Ducournau',
  'Justine Triet',
  'Pedro Almodóvar',
  'Alejandro Amenábar',
  'Paolo Sorrentino',
  'Nanni Moretti',
  'Luca Guadagnino',
  'Wim Wenders',
  'Fatih Akin',
  'Maren Ade',
  'Christian Petzold',
  'Thomas Vinterberg',
  'Lars von Trier',
  'Ruben Östlund',
  'Paul Verhoeven',
  'Michael Haneke',
  'Ken Loach',
  'Steve McQueen',
  'Andrea Arnold',
  'Joanna Hogg',
  'Pawel Pawlikowski',
  'Agnieszka Holland',
  'Denis Villeneuve',
  'Bong Joon-ho',
  'Hirokazu Kore-eda',
  'Guillermo del Toro',
  'Alfonso Cuarón',
  'Greta Gerwig',
  'Christopher Nolan',
  'Jane Campion',
  'Sofia Coppola',
  'Wes Anderson',
  'Jean-Pierre Jeunet',
  'Luc Besson',
  'Claire Denis',
  'Mia Hansen-Løve',
  'Joachim Trier',
  'Yorgos Lanthimos',
  'Aki Kaurismäki',
  'Cristian Mungiu',
  'Radu Jude',
  'Alice Rohrwacher',
];
const awards = ["Palme d'Or", 'Golden Lion', 'Golden Bear', 'Oscar', 'César', 'BAFTA', 'Golden Globe', 'Magritte'];

/** Ratings bodies of the chain's countries and the US, each mildest first. */
export const demoRatingsBodies: RatingsBodyInput[] = [
  { id: 'FSK', name: 'Freiwillige Selbstkontrolle der Filmwirtschaft', ratings: ['0', '6', '12', '16', '18'] },
  { id: 'MPAA', name: 'Motion Picture Association', ratings: ['G', 'PG', 'PG-13', 'R', 'NC-17'] },
  { id: 'BBFC', name: 'British Board of Film Classification', ratings: ['U', 'PG', '12A', '15', '18'] },
  { id: 'Kijkwijzer', name: 'Kijkwijzer (NICAM)', ratings: ['AL', '6', '9', '12', '14', '16', '18'] },
  { id: 'CNC', name: 'Centre national du cinéma et de l’image animée', ratings: ['TP', '-12', '-16', '-18'] },
];

/** A film's maturity from 0 (for all) to 4 (adults only), as each body writes it. */
const ratingByMaturity: Record<string, string[]> = {
  FSK: ['0', '6', '12', '16', '18'],
  MPAA: ['G', 'PG', 'PG-13', 'R', 'NC-17'],
  BBFC: ['U', 'PG', '12A', '15', '18'],
  Kijkwijzer: ['AL', '6', '12', '16', '18'],
  CNC: ['TP', 'TP', '-12', '-16', '-18'],
};

const titleStarts = [
  'The Last',
  'A Quiet',
  'The Long',
  'Northern',
  'The Silent',
  'Midnight',
  'The Secret',
  'Summer',
  'The Hidden',
  'Winter',
  'The Lost',
  'Golden',
  'The Red',
  'A Distant',
  'The Little',
  'Broken',
  'The Wild',
  'Paper',
  'The Blue',
  'Electric',
];
const titleEnds = [
  'Harbour',
  'Orchard',
  'Frontier',
  'Lights',
  'Garden',
  'Station',
  'Letters',
  'Republic',
  'Tide',
  'Kingdom',
  'Crossing',
  'Season',
  'Island',
  'Signal',
  'Bridge',
  'Canal',
];

/** A small deterministic generator (mulberry32), so that every load builds the same catalogue. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function pick<T>(next: () => number, list: readonly T[], count: number): T[] {
  const chosen = new Set<T>();
  while (chosen.size < Math.min(count, list.length)) chosen.add(list[Math.floor(next() * list.length)] as T);
  return [...chosen];
}

/** 320 films with their attributes and a rating in every body. */
export function demoMovies(): MovieInput[] {
  const next = random(2026);
  const movies: MovieInput[] = [];
  for (const [s, start] of titleStarts.entries()) {
    for (const [e, end] of titleEnds.entries()) {
      const title = `${start} ${end}`;
      const slug = title.toLowerCase().replaceAll(' ', '-');
      const maturity = Math.floor(next() * 5);
      const movieGenres = pick(
        next,
        maturity === 0 ? ['Animation', 'Family', 'Comedy', 'Adventure'] : genres,
        1 + Math.floor(next() * 3),
      );
      movies.push({
        id: idOf(`movie:${s}:${e}`),
        title,
        year: 1995 + Math.floor(next() * 31),
        genres: movieGenres,
        actors: pick(next, actors, 2 + Math.floor(next() * 3)),
        directors: pick(next, directors, 1),
        countries: pick(next, countries, 1 + Math.floor(next() * 2)),
        technologies: ['2D', ...pick(next, technologies.slice(1), Math.floor(next() * 3))],
        versions: ['OV', ...pick(next, versions.slice(1), 1 + Math.floor(next() * 2))],
        awards: next() < 0.15 ? pick(next, awards, 1) : [],
        basedOn: next() < 0.3 ? (pick(next, basedOn, 1)[0] ?? null) : null,
        ratings: Object.fromEntries(
          Object.entries(ratingByMaturity).map(([body, ratings]) => [body, ratings[maturity] as string]),
        ),
        posterUrl: `https://posters.persona.example/${slug}.jpg`,
      });
    }
  }
  return movies;
}

const option = (category: string, label: string, attribute: string | null, position = 0): PreferenceOptionInput => ({
  id: idOf(`option:${category}:${label}`),
  category,
  label,
  attribute,
  position,
});
const listed = (category: string, labels: readonly string[], kind: string | null) =>
  labels.map((label, position) => option(category, label, kind === null ? null : `${kind}:${label}`, position));

/** Preference options in all 17 categories (about 300). */
export function demoPreferenceOptions(): PreferenceOptionInput[] {
  return [
    ...listed('Newsletter', ['Weekly programme', 'Premieres', 'Offers and promotions', 'Events', 'Kids club'], null),
    ...listed('MovieGenre', genres, 'genre'),
    ...listed('MovieBasedOn', basedOn, 'basedOn'),
    ...listed('MovieTechnology', technologies, 'technology'),
    ...listed('MovieVersion', versions, 'version'),
    ...listed('MovieCinemanie', ['Cinemanie Classic', 'Cinemanie Premium', 'Cinemanie Student', 'Cinemanie Duo'], null),
    ...listed('MovieCountry', countries, 'country'),
    ...listed('MovieActor', actors, 'actor'),
    ...listed('MovieDirector', directors, 'director'),
    ...listed('MovieAward', awards, 'award'),
    ...listed(
      'PersonalProfession',
      [
        'Student',
        'Employee',
        'Self-employed',
        'Civil servant',
        'Teacher',
        'Healthcare',
        'Retired',
        'Job seeker',
        'Other',
      ],
      null,
    ),
    ...listed(
      'PersonalStudyLevel',
      ['Secondary school', 'Bachelor', 'Master', 'Doctorate', 'Vocational training'],
      null,
    ),
    ...listed('PersonalFamilySize', ['1', '2', '3', '4', '5 or more'], null),
    ...listed(
      'CinemaVisitFrequency',
      ['Every week', 'A few times a month', 'Once a month', 'A few times a year', 'Once a year or less'],
      null,
    ),
    ...listed(
      'OtherMusicGenre',
      [
        'Pop',
        'Rock',
        'Jazz',
        'Classical',
        'Electronic',
        'Hip-hop',
        'Chanson',
        'Metal',
        'Soul',
        'Reggae',
        'Folk',
        'Opera',
        'Blues',
        'Country',
        'Film scores',
        'K-pop',
        'Latin',
        'Punk',
      ],
      null,
    ),
    ...listed(
      'OtherSport',
      [
        'Football',
        'Cycling',
        'Tennis',
        'Running',
        'Swimming',
        'Hockey',
        'Basketball',
        'Volleyball',
        'Formula 1',
        'Golf',
        'Padel',
        'Climbing',
        'Skiing',
        'Sailing',
        'Judo',
        'Handball',
      ],
      null,
    ),
    ...listed(
      'OtherAlternativeContent',
      ['Opera', 'Ballet', 'Concerts', 'Theatre', 'Live sports', 'E-sports', 'Documentaries', 'Anime marathons'],
      null,
    ),
  ];
}

/** Schools of the chain's countries, accents and all. */
export const demoSchools: NamedOptionInput[] = [
  ['be-brussels-ecole-europeenne', 'École Européenne de Bruxelles I'],
  ['be-liege-athenee', 'Athénée Royal de Liège'],
  ['be-gent-sint-barbara', 'Sint-Barbaracollege Gent'],
  ['be-antwerpen-ap', 'AP Hogeschool Antwerpen'],
  ['be-leuven-ku', 'KU Leuven'],
  ['be-louvain-uclouvain', 'Université catholique de Louvain'],
  ['be-namur-unamur', 'Université de Namur'],
  ['be-kortrijk-howest', 'Hogeschool West-Vlaanderen'],
  ['fr-paris-sorbonne', 'Sorbonne Université'],
  ['fr-lyon-ens', 'École normale supérieure de Lyon'],
  ['fr-lille-lycee-faidherbe', 'Lycée Faidherbe'],
  ['fr-nantes-ecole-centrale', 'École Centrale de Nantes'],
  ['fr-grenoble-uga', 'Université Grenoble Alpes'],
  ['nl-amsterdam-uva', 'Universiteit van Amsterdam'],
  ['nl-rotterdam-erasmus', 'Erasmus Universiteit Rotterdam'],
  ['nl-utrecht-hu', 'Hogeschool Utrecht'],
  ['nl-leiden-stedelijk', 'Stedelijk Gymnasium Leiden'],
  ['de-muenchen-lmu', 'Ludwig-Maximilians-Universität München'],
  ['de-koeln-uni', 'Universität zu Köln'],
  ['de-berlin-gymnasium', 'Gymnasium Steglitz'],
  ['de-dusseldorf-hhu', 'Heinrich-Heine-Universität Düsseldorf'],
  ['es-madrid-complutense', 'Universidad Complutense de Madrid'],
  ['es-barcelona-ub', 'Universitat de Barcelona'],
  ['es-sevilla-us', 'Universidad de Sevilla'],
  ['lu-luxembourg-uni', 'Université du Luxembourg'],
  ['lu-luxembourg-athenee', 'Athénée de Luxembourg'],
  ['ch-zurich-eth', 'ETH Zürich'],
  ['ch-geneve-unige', 'Université de Genève'],
  ['at-wien-uni', 'Universität Wien'],
  ['dk-kobenhavn-ku', 'Københavns Universitet'],
].map(([id, name]) => ({ id, name }) as NamedOptionInput);

export const demoStudyLevels: NamedOptionInput[] = [
  ['secondary', 'Enseignement secondaire / Secundair onderwijs'],
  ['vocational', 'Formation professionnelle'],
  ['bachelor', 'Bachelor'],
  ['master', 'Master'],
  ['doctorate', 'Doctorat'],
  ['postgraduate', 'Études postuniversitaires'],
  ['hbo', 'Hoger beroepsonderwijs (HBO)'],
  ['abitur', 'Abitur / Gymnasiale Oberstufe'],
].map(([id, name]) => ({ id, name }) as NamedOptionInput);

/** Profile icons for the household face. */
export const demoIcons: IconInput[] = [
  'fox',
  'owl',
  'bear',
  'cat',
  'dog',
  'penguin',
  'rocket',
  'robot',
  'popcorn',
  'clapperboard',
  'star',
  'dragon',
].map((name) => ({ id: `icon-${name}`, uri: `https://icons.persona.example/profiles/${name}.png`, aspect: '1x1' }));
