"""Word lists for the sample data: varied enough to look like a real programme."""

GIVEN = """Amina Ben Chloe Daniel Elif Fatima George Hannah Ibrahim Jack Kavya Liam Maria Noah Olivia
Priya Quentin Rosa Samuel Tariq Uma Victor Wei Xavier Yasmin Zainab Aaron Beatriz Conor Deepa Emeka
Freya Gabriel Hui Isla James Kofi Lena Mohammed Nadia Oscar Pavel Ruth Sofia Thomas Ursula Vikram
Wanjiru Yusuf Zofia Agnieszka Bilal Ciara Dmitri Esther Farah Grace Hamza Ines Joao Keira Luca
Mei Niamh Omar Patrick Rhys Saanvi Theo Valentina William Ayesha Bronwen Callum Dilnoza Eamon
Fiona Gustavo Helena Imran Jonas Kamala Leila Magnus Nkechi Orla Paolo Rania Sione Tomasz Ugo""".split()

FAMILY = """Okafor Smith Jones Williams Brown Taylor Davies Evans Wilson Thomas Johnson Roberts Walker
Wright Robinson Thompson White Hughes Edwards Green Hall Wood Harris Lewis Martin Jackson Clarke
Clark Turner Hill Scott Cooper Morris Ward Moore King Watson Baker Harrison Morgan Patel Young Allen
Mitchell James Anderson Phillips Lee Bell Parker Davis Khan Ahmed Singh Ali Hussain Begum Nguyen
Kowalski Novak Rossi Silva Garcia Murphy Kelly O'Brien Byrne Mensah Osei Adeyemi Chen Wang Kim
Fernandes Costa Ivanova Popescu Horvat Jansen Berg Lindqvist Dubois Moreau Schmidt Weber Fischer""".split()

NEIGHBOURHOODS = ["Riverside", "Old Town", "Harbourside", "Northfield", "St Anne's", "Millbrook",
                  "Eastgate", "Westbury", "Canal Quarter", "Hillcrest", "Southmead", "Brookfield",
                  "Station Road", "Marsh End", "Kingsway", "Orchard Vale"]

STREETS = ["High Street", "Mill Lane", "Station Road", "Church Street", "Park Avenue", "Canal Walk",
           "Victoria Road", "Orchard Close", "Riverside Drive", "Market Square", "Quarry Lane",
           "Bridge Street", "School Lane", "Meadow Way", "Harbour Row"]

ORG_PATTERNS = {
    "civic_group": ["{hood} Residents Association", "Friends of {hood} Park", "{hood} Community Forum",
                    "{hood} Allotment Society", "{hood} Neighbourhood Watch"],
    "ngo": ["{hood} Green Futures", "Clean Air {hood}", "{hood} Food Bank", "River Trust {hood}",
            "{hood} Heritage Trust"],
    "business": ["{hood} Traders Group", "{family} & Sons Builders", "{hood} Bakery", "{family} Logistics",
                 "{hood} Garage"],
    "government": ["{hood} Ward Office", "County Highways ({hood})", "Environment Agency — {hood}"],
    "media": ["{hood} Gazette", "Radio {hood}", "{hood} Community Newsletter"],
    "faith_group": ["St Mary's {hood}", "{hood} Mosque", "{hood} Gurdwara", "{hood} Methodist Church"],
    "school": ["{hood} Primary School", "{hood} Academy", "{hood} Nursery"],
}

ROLES = ["Chair", "Secretary", "Treasurer", "Member", "Volunteer", "Director", "Owner", "Manager",
         "Councillor", "Reporter", "Head teacher", "Trustee"]

TAGS = ["flooding", "traffic", "noise", "newsletter", "youth", "elderly", "business", "heritage",
        "cycling", "bus route", "school run", "green space", "parking", "construction", "jobs",
        "accessibility", "air quality", "housing"]

EVENT_TITLES = {
    "public_meeting": ["Public meeting: {hood} road closures", "Community update — {hood}",
                       "Public meeting on the new bridge"],
    "open_house": ["Open house: {hood} station plans", "Drop-in exhibition at {venue}"],
    "town_hall": ["Town hall Q&A with the project team", "{hood} town hall"],
    "workshop": ["Design workshop: {hood} green space", "Traffic management workshop"],
    "site_visit": ["Site visit: {hood} works compound", "Guided walk of the route near {hood}"],
    "festival": ["{hood} summer fair stall", "Stall at {hood} market day"],
    "other": ["Councillor briefing", "Business liaison breakfast"],
}

VENUES = ["Riverside Community Centre", "St Anne's Church Hall", "Old Town Library", "Millbrook School Hall",
          "Harbourside Sailing Club", "Eastgate Leisure Centre", "Town Hall Council Chamber",
          "Canal Quarter Arts Space", "Project Visitor Centre", "Northfield Scout Hut"]

INTERACTION_SUMMARIES = [
    "Discussed the upcoming road closure and diversion routes.",
    "Asked about working hours at the compound; explained the 8am–6pm limit.",
    "Raised worries about lorries near the school at drop-off time.",
    "Shared the newsletter and the project helpline number.",
    "Followed up on the drainage question from last month.",
    "Invited to the next community meeting.",
    "Talked through the landscaping plans for the green.",
    "Reported mud on the road by the site entrance.",
    "Requested a copy of the noise monitoring results.",
    "Thanked the team for the quick response to the dust complaint.",
    "Wants to be kept informed about tree removals.",
    "Asked about local jobs and apprenticeships on the project.",
]

FOLLOW_UPS = ["Send the diversion map", "Call back with the monitoring data", "Email the meeting minutes",
              "Arrange a site visit", "Check with the contractor and reply", "Add to the newsletter list"]

CONCERN_SUMMARIES = {
    "Noise": ["Night-time piling noise", "Generator running early morning", "Reversing alarms before 7am"],
    "Dust & air quality": ["Dust on cars and windows", "Dust from the spoil heap on windy days"],
    "Traffic & access": ["Lorries using residential street", "Blocked driveway during works",
                         "Diversion signs confusing"],
    "Safety": ["Unlit footpath near the compound", "Gap in site hoarding"],
    "Damage to property": ["Crack in garden wall after vibration", "Damaged verge and kerb"],
    "Environment": ["Silt in the brook", "Tree removed without notice"],
    "Employment & procurement": ["Local firms not invited to tender", "Apprenticeship applications unanswered"],
    "Land & compensation": ["Compensation for temporary land use delayed"],
    "Communication": ["Promised newsletter never arrived", "No notice before water shut-off"],
    "Other": ["Parking taken by contractor staff"],
}
